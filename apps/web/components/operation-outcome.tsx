'use client';

import { type OperationSnapshot, startOf } from '@liveprogress/protocol';
import type { UseOperationResult } from '@liveprogress/react';
import type { ReactNode } from 'react';

interface OperationOutcomeProps {
  operation: UseOperationResult;
  success: (snapshot: OperationSnapshot) => ReactNode;
  /** Say why it failed or was cancelled; off where a ProgressTracker already shows the error. */
  showFailure?: boolean;
}

/** How an operation ended: the example's own success summary, or why it failed or was cancelled. */
export function OperationOutcome({ operation, success, showFailure = true }: OperationOutcomeProps) {
  const { snapshot, status, error } = operation;
  if (status === 'completed' && snapshot) {
    return (
      <div className="alert alert--success" role="status">
        {success(snapshot)}
      </div>
    );
  }
  if (!showFailure) return null;
  if (status === 'cancelled') {
    return (
      <p className="alert alert--warning" role="alert">
        Cancelled at {Math.round(snapshot?.progress ?? 0)}%; nothing after that point ran.
      </p>
    );
  }
  if (status === 'failed' || error) {
    return (
      <p className="alert" role="alert">
        {status === 'failed' ? 'Failed: ' : ''}
        {error?.message ?? 'the operation failed'}
      </p>
    );
  }
  return null;
}

/** "3.2 s" between start and finish. */
export function tookSeconds(snapshot: OperationSnapshot): string {
  const start = startOf(snapshot);
  return snapshot.finishedAt ? `${((snapshot.finishedAt - start) / 1000).toFixed(1)} s` : '—';
}
