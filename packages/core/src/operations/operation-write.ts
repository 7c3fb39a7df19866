import {
  countTasks,
  type EventInput,
  startOf,
  type OperationErrorInfo,
  type OperationSnapshot,
  type TaskSnapshot,
  type TaskStatus,
} from '@liveprogress/protocol';
import { estimateCompletion } from './eta.js';

/** What one report changed in one task: only the fields given change. */
export interface TaskChange {
  id: string;
  name?: string;
  weight?: number;
  status?: Exclude<TaskStatus, 'pending'>;
  progress?: number;
  message?: string;
  output?: unknown;
  error?: OperationErrorInfo;
}

interface WriteBase {
  timestamp: number;
  /** The type, when the producer named it after registering the operation without one. */
  operationType?: string;
  /** Tasks this write changes, merged by id into the stored ones. */
  tasks?: TaskChange[];
}

/**
 * What a producer's handle changed since its last write, and nothing else: the store's
 * snapshot is the operation's state, and `applyWrite` builds the next event from it. So
 * whichever process makes the write, it builds on what every other process stored.
 */
export type OperationWrite =
  | (WriteBase & {
      kind: 'update';
      stage?: string;
      /** Explicit progress; the stored progress never goes back. */
      progress?: number;
      message?: string;
      /** Merged shallowly into the stored details. */
      details?: Record<string, unknown>;
      /** For the ETA: what the producer expects the whole operation to take. */
      estimatedDuration?: number | null;
    })
  | (WriteBase & { kind: 'complete'; result?: unknown; message?: string })
  | (WriteBase & { kind: 'fail'; status: 'failed' | 'cancelled'; error: OperationErrorInfo });

/**
 * The event a write makes of the stored snapshot: the fields it did not change are the
 * stored ones, tasks merge by id, progress never goes back. The store then folds the event
 * with protocol's `eventPatch`, as clients do with `applyEvent`; a process that wrote
 * from a stale snapshot has its append refused (`expectedSeq`) and builds it again.
 * `explicitProgress`: somebody set the operation's progress (rather than its tasks), so
 * tasks no longer drive it — the store keeps that mark beside the snapshot.
 */
export function applyWrite(snapshot: OperationSnapshot, write: OperationWrite, explicitProgress: boolean): EventInput {
  const operationId = snapshot.operationId;
  const operationType = write.operationType ?? snapshot.operationType;
  const tasks = write.tasks && write.tasks.length > 0 ? mergeTasks(snapshot.tasks, write.tasks, write.timestamp) : snapshot.tasks;
  let event: EventInput;
  switch (write.kind) {
    case 'update': {
      const stage = write.stage ?? snapshot.stage;
      let progress = Math.max(snapshot.progress, write.progress ?? 0);
      if (write.progress === undefined && !explicitProgress && write.tasks && tasks) progress = Math.max(progress, rolledUp(tasks));
      event = {
        event: 'progress.updated',
        operationId,
        operationType,
        status: 'running',
        stage,
        progress,
        message: write.message ?? snapshot.message,
        // The event's own object, never the snapshot's: a store may write later details into that one in place.
        details: write.details ? { ...snapshot.details, ...write.details } : snapshot.details === null ? null : { ...snapshot.details },
        timestamp: write.timestamp,
        estimatedCompletion: estimateCompletion({
          startedAt: startOf(snapshot),
          now: write.timestamp,
          progress,
          estimatedDuration: write.estimatedDuration ?? null,
        }),
      };
      const step = stepAmong(snapshot, stage);
      if (step) {
        event.step = step.step;
        event.totalSteps = step.totalSteps;
      }
      break;
    }
    case 'complete': {
      event = { event: 'progress.completed', operationId, operationType, status: 'completed', progress: 100, timestamp: write.timestamp };
      if (write.result !== undefined) event.result = write.result;
      if (write.message !== undefined) event.message = write.message;
      const failedTasks = (tasks ?? []).filter((t) => t.status === 'failed').map((t) => t.id);
      if (failedTasks.length > 0) event.failedTasks = failedTasks;
      break;
    }
    case 'fail':
      event = {
        event: 'progress.failed',
        operationId,
        operationType,
        status: write.status,
        progress: snapshot.progress,
        error: write.error,
        timestamp: write.timestamp,
      };
      break;
  }
  if (tasks && tasks.length > 0) {
    event.tasks = tasks;
    event.completedTasks = countTasks(tasks).completed;
    event.totalTasks = tasks.length;
  }
  return event;
}

/** Stored tasks with the changes applied: a finished task stays finished, a task's progress never goes back. */
export function mergeTasks(stored: readonly TaskSnapshot[] | null, changes: readonly TaskChange[], now: number): TaskSnapshot[] {
  const tasks = stored ? [...stored] : [];
  const index = new Map(tasks.map((task, i) => [task.id, i]));
  for (const change of changes) {
    const at = index.get(change.id);
    const before: TaskSnapshot =
      at === undefined
        ? { id: change.id, name: change.name ?? change.id, status: 'pending', progress: 0, weight: change.weight ?? 1, startedAt: null, finishedAt: null }
        : (tasks[at] as TaskSnapshot);
    const next = mergeTask(before, change, now);
    if (at === undefined) {
      index.set(change.id, tasks.length);
      tasks.push(next);
    } else tasks[at] = next;
  }
  return tasks;
}

function mergeTask(task: TaskSnapshot, change: TaskChange, now: number): TaskSnapshot {
  const done = task.status === 'completed' || task.status === 'failed';
  if (done) return change.name !== undefined && change.name !== task.name ? { ...task, name: change.name } : task;
  const status = change.status ?? task.status;
  const next: TaskSnapshot = { ...task };
  if (change.name !== undefined) next.name = change.name;
  if (change.weight !== undefined) next.weight = change.weight;
  if (change.message !== undefined) next.message = change.message;
  next.status = status;
  next.progress = status === 'completed' ? 100 : Math.max(task.progress, change.progress ?? 0);
  if (status !== 'pending' && (next.startedAt ?? null) === null) next.startedAt = now;
  if (status === 'completed' || status === 'failed') next.finishedAt = now;
  if (status === 'completed' && change.output !== undefined) next.output = change.output;
  if (status === 'failed' && change.error !== undefined) next.error = change.error;
  return next;
}

/** Weighted mean of the tasks' progress. */
function rolledUp(tasks: readonly TaskSnapshot[]): number {
  let weighted = 0;
  let total = 0;
  for (const task of tasks) {
    const weight = task.weight ?? 1;
    weighted += task.progress * weight;
    total += weight;
  }
  return total === 0 ? 0 : Math.min(100, weighted / total);
}

/** "Step n of N": the stage's position among the operation's stages, by order. */
function stepAmong(snapshot: OperationSnapshot, stage: string | null): { step: number; totalSteps: number } | null {
  if (stage === null || !snapshot.stages || snapshot.stages.length === 0) return null;
  const index = [...snapshot.stages].sort((a, b) => a.order - b.order).findIndex((s) => s.id === stage);
  return index === -1 ? null : { step: index + 1, totalSteps: snapshot.stages.length };
}
