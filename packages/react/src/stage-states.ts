import type { OperationSnapshot, StageDefinition } from '@liveprogress/protocol';

export type StageState = 'pending' | 'current' | 'done' | 'failed' | 'cancelled';

export interface StageView extends StageDefinition {
  state: StageState;
}

/**
 * Places each stage relative to the operation's current one: earlier stages are
 * done, the current one is current (failed when the operation failed in it,
 * cancelled when it was cancelled in it: a cancel is not a failure).
 */
export function stageStates(stages: readonly StageDefinition[], snapshot: OperationSnapshot | null): StageView[] {
  const ordered = [...stages].sort((a, b) => a.order - b.order);
  const status = snapshot?.status ?? 'pending';
  const current = snapshot?.stage ? ordered.findIndex((stage) => stage.id === snapshot.stage) : -1;
  return ordered.map((stage, index) => {
    // Not found (current -1): every stage pending, unless the operation completed.
    const state: StageState =
      status === 'completed' || index < current ? 'done' : index !== current ? 'pending' : status === 'failed' || status === 'cancelled' ? status : 'current';
    return { ...stage, state };
  });
}
