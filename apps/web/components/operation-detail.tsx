'use client';

import { ProgressTracker, useOperation } from '@liveprogress/react';
import type { OperationSnapshot } from '@liveprogress/protocol';
import { format } from 'date-fns';
import Link from 'next/link';
import { STATUS_LABEL, typeLabel } from '@/lib/operation-labels';
import { CancelButton } from './cancel-button';
import { PageHeader } from './page-header';
import { StatusBadge } from './status-badge';

/** Any one operation by id: the tracker with its details, tasks, result or error. */
export function OperationDetail({ operationId, initialSnapshot = null }: { operationId: string; initialSnapshot?: OperationSnapshot | null }) {
  const operation = useOperation(operationId, { initialSnapshot });
  const { snapshot, error } = operation;

  if (!snapshot && error) {
    return (
      <div className="page">
        <PageHeader eyebrow="Operation" title="Operation not found">
          There is no operation <code>{operationId}</code> that you may see. It may belong to another user or tenant, or it expired.
        </PageHeader>
        <p className="alert" role="alert">
          {error.message}
        </p>
        <p>
          <Link href="/operations">Back to operations</Link>
        </p>
      </div>
    );
  }

  const title = snapshot?.name ?? 'Operation';
  const running = snapshot !== null && !operation.isTerminal && !operation.isLost;
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
        <section className="card" aria-label="Facts">
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
              <dd>{snapshot?.visibility === 'tenant' ? 'Tenant' : 'Owner'}</dd>
            </div>
            <div>
              <dt>Events</dt>
              <dd>{snapshot?.seq ?? 0}</dd>
            </div>
          </dl>
          {snapshot?.result !== undefined && snapshot?.result !== null ? (
            <div className="field">
              <span className="label">Result</span>
              <pre className="code-block">{JSON.stringify(snapshot.result, null, 2)}</pre>
            </div>
          ) : null}
          <Link href="/operations" className="small">
            ← All operations
          </Link>
        </section>
        <ProgressTracker
          config={{ operationId, operationType: snapshot?.operationType ?? 'operation', title, showDetails: true, showTimeEstimate: true, initialSnapshot }}
        />
      </div>
    </div>
  );
}
