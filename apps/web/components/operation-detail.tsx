'use client';

import { ProgressTracker, unavailableMessage, useOperation } from '@liveprogress/react';
import { type OperationSnapshot, startOf } from '@liveprogress/protocol';
import { format } from 'date-fns';
import Link from 'next/link';
import { STATUS_LABEL, typeLabel } from '@/lib/operation-labels';
import { CancelButton } from './cancel-button';
import { OperationItems } from './operation-items';
import { tookSeconds } from './operation-outcome';
import { OperationResult } from './operation-result';
import { OperationTimeline } from './operation-timeline';
import { PageHeader } from './page-header';
import { StatusBadge } from './status-badge';

/**
 * Any one operation by id: the tracker, the facts, what it produced, its timeline and its
 * items. Items are listed by the page itself (failed first, 20 at a time): the tracker's own
 * task list would draw every one of a 1,000-item batch.
 */
export function OperationDetail({ operationId, initialSnapshot = null }: { operationId: string; initialSnapshot?: OperationSnapshot | null }) {
  const operation = useOperation(operationId, { initialSnapshot });
  const { snapshot, error } = operation;

  if (!snapshot && operation.isUnavailable) {
    return (
      <div className="page">
        <PageHeader eyebrow="Operation" title="Operation not available">
          Operation <code>{operationId}</code>
        </PageHeader>
        <p className="alert" role="alert">
          {unavailableMessage(error, { seen: false })}
        </p>
        <p>
          <Link href="/operations">Back to operations</Link>
        </p>
      </div>
    );
  }

  const title = snapshot?.name ?? 'Operation';
  const running = snapshot !== null && !operation.isTerminal && !operation.isLost;
  const ended = snapshot?.finishedAt != null;
  return (
    <div className="page">
      <PageHeader
        eyebrow={snapshot ? typeLabel(snapshot.operationType) : 'Operation'}
        title={title}
        aside={
          <div className="actions">
            <StatusBadge status={operation.status} />
            {running ? <CancelButton operationId={operationId} /> : null}
          </div>
        }
      >
        Operation <code>{operationId}</code>
        {snapshot ? ` · started ${format(snapshot.createdAt, 'yyyy-MM-dd HH:mm:ss')}` : ''}
      </PageHeader>
      <div className="example-grid">
        <div className="stack detail-column">
          <section className="card detail-facts" aria-label="Facts">
            <dl className="summary">
              <div>
                <dt>Status</dt>
                <dd>{snapshot ? STATUS_LABEL[snapshot.status] : '—'}</dd>
              </div>
              <div>
                <dt>Owner</dt>
                <dd>{snapshot?.ownerId ?? '—'}</dd>
              </div>
              <div>
                <dt>Visible to</dt>
                <dd>{snapshot?.visibility === 'tenant' ? 'Everyone in the tenant' : 'Only the owner'}</dd>
              </div>
              <div>
                <dt>{ended ? 'Took' : 'Started'}</dt>
                <dd>{snapshot ? (ended ? tookSeconds(snapshot) : format(startOf(snapshot), 'HH:mm:ss')) : '—'}</dd>
              </div>
            </dl>
            {snapshot?.result !== undefined && snapshot?.result !== null ? <OperationResult result={snapshot.result} /> : null}
            <Link href="/operations" className="small">
              ← All operations
            </Link>
          </section>
          {snapshot ? <OperationTimeline snapshot={snapshot} /> : null}
        </div>
        <div className="stack detail-column">
          <ProgressTracker
            className="detail-tracker"
            config={{
              operationId,
              operationType: snapshot?.operationType ?? 'operation',
              title,
              showDetails: true,
              showTimeEstimate: true,
              showTasks: false,
              initialSnapshot,
            }}
          />
          {snapshot?.tasks?.length ? <OperationItems tasks={snapshot.tasks} ended={ended} /> : null}
        </div>
      </div>
    </div>
  );
}
