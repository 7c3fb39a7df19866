import type { OperationSnapshot } from './operation.js';

export interface OperationStep {
  /** 1-based position of the current stage among the planned stages, by `order`. */
  step: number;
  totalSteps: number;
}

/**
 * "Step n of N", as the server numbers it: read from the snapshot, where every
 * `progress.updated` of an operation in a planned stage puts `step` and
 * `totalSteps` (`applyEvent` keeps them current), rather than derived again from
 * `stages`, so an operation reported through HTTP ingest without a stage list
 * still has its step. Null when the operation is in no planned stage yet.
 */
export function stepOf(snapshot: Pick<OperationSnapshot, 'step' | 'totalSteps'> | null): OperationStep | null {
  if (!snapshot) return null;
  const { step, totalSteps } = snapshot;
  return typeof step === 'number' && typeof totalSteps === 'number' ? { step, totalSteps } : null;
}
