'use client';

import type { OperationSnapshot, OperationStatus } from '@liveprogress/protocol';
import { formatRelativeTime, useOperations } from '@liveprogress/react';
import { format } from 'date-fns';
import Link from 'next/link';
import { useId } from 'react';
import { shortId, stageLabel, typeLabel } from '@/lib/operation-labels';
import { CancelButton } from './cancel-button';
import { OperationCounts } from './operation-counts';
import styles from './operations-table.module.css';
import { ProgressBar } from './progress-bar';
import { useSession } from './session-provider';
import { StatusBadge } from './status-badge';
import { useNow } from './use-now';
import { useTableRefreshes } from './use-table-refreshes';

interface OperationsTableProps {
  title: string;
  description: string;
  limit?: number;
  operationType?: string;
  status?: OperationStatus;
}

const TERMINAL = new Set<OperationStatus>(['completed', 'failed', 'cancelled']);

/**
 * The live table: `useOperations` lists what the signed-in user may see, keeps running
 * rows live, and lists again whenever the server refreshes the `my_operations` table.
 * An admin sees every operation of the tenant, so for them each row also says whose it is.
 */
export function OperationsTable({ title, description, limit = 50, operationType, status }: OperationsTableProps) {
  const titleId = useId();
  const {
    operations,
    status: listStatus,
    error,
    refresh,
  } = useOperations({
    limit,
    ...(operationType ? { operationType } : {}),
    ...(status ? { status } : {}),
    refreshOnTables: ['my_operations'],
  });
  const refreshes = useTableRefreshes('my_operations');
  const now = useNow(15_000);
  const { session } = useSession();
  const showOwner = session?.roles.includes('admin') ?? false;

  return (
    <section className="card" aria-labelledby={titleId}>
      <div className="card-header">
        <div>
          <h2 id={titleId}>{title}</h2>
          <p>{description}</p>
        </div>
        <div className={styles.toolbar}>
          <OperationCounts />
          <span className="hint" data-testid="table-refreshes" aria-live="polite">
            {refreshes.lastAt
              ? `Updated live ${refreshes.count}× · last: ${refreshes.lastAction ?? 'a change'} at ${format(refreshes.lastAt, 'HH:mm:ss')}`
              : 'Updates live as operations start and end'}
          </span>
          <button type="button" className="button button--ghost button--small" onClick={() => void refresh()}>
            Refresh
          </button>
        </div>
      </div>
      {error ? (
        <p className="alert" role="alert">
          Could not list operations: {error.message}
        </p>
      ) : null}
      {operations.length === 0 && listStatus === 'error' ? null : operations.length === 0 ? (
        <div className="empty" data-testid="operations-empty">
          {listStatus === 'ready' ? (
            <>
              <strong>No operations to show</strong>
              Nothing you may see has run yet. Start one from an example.
            </>
          ) : (
            <>
              <span className="spinner" aria-hidden="true" />
              Loading operations…
            </>
          )}
        </div>
      ) : (
        <div className={styles.scroll}>
          <table className={styles.table} aria-labelledby={titleId} data-list-status={listStatus}>
            <thead>
              <tr>
                <th scope="col">Operation</th>
                {showOwner ? <th scope="col">Owner</th> : null}
                <th scope="col">Type</th>
                <th scope="col">Status</th>
                <th scope="col" className={styles.progressColumn}>
                  Progress
                </th>
                <th scope="col">Stage</th>
                <th scope="col">Updated</th>
                <th scope="col">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {operations.map((operation) => (
                <OperationRow
                  key={operation.operationId}
                  operation={operation}
                  now={now}
                  owner={showOwner ? ownerLabel(operation.ownerId, session?.userId) : null}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

/** The owner as the admin reads it: their own operations say "you". */
function ownerLabel(ownerId: string, viewerId: string | undefined): string {
  return ownerId === viewerId ? `${ownerId} (you)` : ownerId;
}

/** One operation; `data-cell` names each cell, which is how a phone's layout places it (operations-table.module.css). */
function OperationRow({ operation, now, owner }: { operation: OperationSnapshot; now: number; owner: string | null }) {
  const name = operation.name ?? typeLabel(operation.operationType);
  return (
    <tr data-operation-id={operation.operationId} data-status={operation.status}>
      <th scope="row" className={styles.name} data-cell="name">
        <Link href={`/operations/${encodeURIComponent(operation.operationId)}`}>{name}</Link>
        <span className={styles.id}>
          {shortId(operation.operationId)}
          {operation.visibility === 'tenant' ? ' · shared with tenant' : ''}
        </span>
      </th>
      {owner !== null ? (
        <td className={styles.owner} data-cell="owner">
          <span className={styles.cellLabel}>Owner </span>
          {owner}
        </td>
      ) : null}
      <td className={styles.type} data-cell="type">
        {typeLabel(operation.operationType)}
      </td>
      <td data-cell="status">
        <StatusBadge status={operation.status} />
      </td>
      <td data-cell="progress">
        <div className={styles.progress}>
          <ProgressBar value={operation.progress} label={`${name} progress`} status={operation.status} size="small" />
          <span className={styles.percent}>{Math.round(operation.progress)}%</span>
        </div>
      </td>
      <td className={styles.stage} data-cell="stage">
        {stageLabel(operation) ?? '—'}
      </td>
      <td className={styles.time} data-cell="updated" title={format(operation.updatedAt, 'yyyy-MM-dd HH:mm:ss')}>
        <span className={styles.cellLabel}>Updated </span>
        {formatRelativeTime(operation.updatedAt, Math.max(now, operation.updatedAt))}
      </td>
      <td className={styles.actions} data-cell="actions">
        {TERMINAL.has(operation.status) ? null : <CancelButton operationId={operation.operationId} label="Cancel" />}
      </td>
    </tr>
  );
}
