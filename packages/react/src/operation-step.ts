import type { OperationSnapshot } from '@liveprogress/protocol';

export interface OperationStep {
  /** 1-based position of the current stage. */
  step: number;
  totalSteps: number;
}

/**
 * "Step n of N": the current stage's position among the operation's stages by
 * `order`, as the server numbers it. Derived rather than read from `snapshot.step`
 * because a snapshot that the client folds events into keeps the `step` of its
 * last subscribe ack; `stage` and `stages` are always current.
 */
export function stepOf(snapshot: OperationSnapshot | null): OperationStep | null {
  if (!snapshot) return null;
  const { stages, stage } = snapshot;
  if (stages && stages.length > 0) {
    if (stage === null) return null;
    const index = [...stages].sort((a, b) => a.order - b.order).findIndex((s) => s.id === stage);
    return index === -1 ? null : { step: index + 1, totalSteps: stages.length };
  }
  // No stage list (an operation reported through other means): the server's own numbers, if any.
  return typeof snapshot.step === 'number' && typeof snapshot.totalSteps === 'number' ? { step: snapshot.step, totalSteps: snapshot.totalSteps } : null;
}
