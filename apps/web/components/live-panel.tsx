'use client';

import { useOperation, type UseOperationResult } from '@liveprogress/react';
import { useId, useRef, type ReactNode } from 'react';
import { CancelButton } from './cancel-button';
import { StatusBadge } from './status-badge';
import { useScrollIntoViewOnStart } from './use-scroll-into-view-on-start';

interface LivePanelProps {
  /** The operation to follow; null before one is started. */
  operationId: string | null;
  /** The start request is on its way. */
  starting: boolean;
  /** Shown before anything has been started. */
  idle: ReactNode;
  /** The live view of the operation. */
  children: (operation: UseOperationResult, operationId: string) => ReactNode;
}

/** The right-hand card of an example: status, cancel, and the operation's live view. */
export function LivePanel({ operationId, starting, idle, children }: LivePanelProps) {
  const titleId = useId();
  const panel = useRef<HTMLElement>(null);
  useScrollIntoViewOnStart(panel, starting, operationId);
  // Shares the server subscription with the trackers inside (they watch the same id).
  const operation = useOperation(operationId);
  // An operation one cannot see (deleted, expired, gone with a restarted server, or someone else's) has nothing to cancel.
  const running = operationId !== null && operation.snapshot !== null && !operation.isTerminal && !operation.isUnavailable;

  return (
    <section ref={panel} className="card live-panel" aria-labelledby={titleId} data-operation-id={operationId ?? undefined}>
      <div className="card-header">
        <div>
          <h2 id={titleId}>Live progress</h2>
          {operationId ? (
            <p className="small">
              Operation <code data-testid="operation-id">{operationId}</code>
            </p>
          ) : (
            <p>Progress arrives over the socket as the API reports it.</p>
          )}
        </div>
        {operationId ? (
          <div className="actions">
            <StatusBadge status={operation.isUnavailable ? 'lost' : operation.status} />
            {running ? <CancelButton operationId={operationId} /> : null}
          </div>
        ) : null}
      </div>
      {operationId ? (
        children(operation, operationId)
      ) : starting ? (
        <div className="empty" aria-busy="true">
          <span className="spinner" aria-hidden="true" />
          Starting…
        </div>
      ) : (
        <div className="empty">{idle}</div>
      )}
      {running ? <p className="hint">The operation id is in the address: reload the page and progress picks up where the operation is.</p> : null}
    </section>
  );
}
