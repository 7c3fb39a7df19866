import type { OperationWrite, TaskChange } from './operation-write.js';

export type UpdateWrite = Extract<OperationWrite, { kind: 'update' }>;

/**
 * Two update writes as one, as if the second had been reported before the first was
 * taken: later fields win, details merge shallowly, task changes merge by id, progress
 * never goes back. What a queue of writes waiting on the store folds into, so a store
 * that is away costs one pending write per operation, not one per coalesced interval.
 */
export function mergeUpdates(earlier: UpdateWrite, later: UpdateWrite): UpdateWrite {
  const fields: Record<string, unknown> = { ...earlier };
  for (const [key, value] of Object.entries(later)) if (value !== undefined) fields[key] = value;
  const merged = fields as unknown as UpdateWrite;
  if (earlier.progress !== undefined && later.progress !== undefined) merged.progress = Math.max(earlier.progress, later.progress);
  if (earlier.details && later.details) merged.details = { ...earlier.details, ...later.details };
  if (earlier.tasks && later.tasks) merged.tasks = mergeTaskChanges(earlier.tasks, later.tasks);
  return merged;
}

/**
 * Whether merging the two loses nothing a healthy store would have shown: `later` continues
 * `earlier`'s stage (so no stage's last report is hidden), and does not set progress over
 * task changes that, written alone, would have rolled the progress up first.
 */
export function mergesLosslessly(earlier: UpdateWrite, later: UpdateWrite): boolean {
  const sameStage = later.stage === undefined || later.stage === earlier.stage;
  const takesOverFromTasks = earlier.progress === undefined && earlier.tasks !== undefined && later.progress !== undefined;
  return sameStage && !takesOverFromTasks;
}

function mergeTaskChanges(earlier: readonly TaskChange[], later: readonly TaskChange[]): TaskChange[] {
  const byId = new Map(earlier.map((change) => [change.id, change]));
  for (const change of later) {
    const before = byId.get(change.id);
    byId.set(change.id, before ? { ...before, ...change, progress: Math.max(before.progress ?? 0, change.progress ?? before.progress ?? 0) } : change);
  }
  return [...byId.values()];
}
