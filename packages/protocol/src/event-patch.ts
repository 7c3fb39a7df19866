import type { EventInput, SnapshotPatch } from './event-input.js';
import type { TaskSnapshot } from './operation.js';
import type { StoredEvent } from './payloads.js';
import { countTasks } from './task-counts.js';

/**
 * The fields this event sets on its operation's snapshot: the one rule of how an
 * event changes a snapshot, used by the server's stores when they store an event
 * and, through `applyEvent`, by clients when they fold one (docs/protocol.md,
 * "The snapshot"). Fields the event does not carry keep their value; a key whose
 * value would be `undefined` is never set (a networked store serializes every
 * field it is given). Runs for every event on the server, so it builds one object
 * and no intermediate ones.
 */
export function eventPatch(event: EventInput | StoredEvent): SnapshotPatch {
  return patchInto({}, event);
}

/**
 * `eventPatch`'s fields written straight onto `target` (a snapshot the caller owns), in
 * the same order: what `Object.assign(target, eventPatch(event))` does, without the patch
 * object. The server folds every stored event into its snapshots this way (docs/performance.md,
 * many-ops).
 */
export function patchInto<T extends SnapshotPatch>(target: T, event: EventInput | StoredEvent): T {
  const patch: SnapshotPatch = target;
  switch (event.event) {
    case 'progress.updated':
      patch.operationType = event.operationType;
      patch.status = event.status;
      patch.stage = event.stage;
      patch.progress = event.progress;
      patch.message = event.message;
      patch.details = event.details;
      patch.estimatedCompletion = event.estimatedCompletion;
      if (event.step !== undefined) patch.step = event.step;
      if (event.totalSteps !== undefined) patch.totalSteps = event.totalSteps;
      break;
    case 'progress.completed':
      patch.operationType = event.operationType;
      patch.status = 'completed';
      patch.progress = 100;
      patch.result = event.result === undefined ? null : event.result;
      patch.finishedAt = event.timestamp;
      patch.estimatedCompletion = null;
      if (event.message !== undefined) patch.message = event.message;
      if (event.failedTasks !== undefined) patch.failedTasks = event.failedTasks;
      break;
    case 'progress.failed':
      patch.operationType = event.operationType;
      patch.status = event.status;
      patch.progress = event.progress;
      patch.error = event.error;
      patch.finishedAt = event.timestamp;
      patch.estimatedCompletion = null;
      break;
  }
  setTasks(patch, event.tasks, event.completedTasks, event.totalTasks);
  return target;
}

/** Every event kind may carry the task list; its counts are the event's own, or counted from it. */
function setTasks(patch: SnapshotPatch, tasks: TaskSnapshot[] | undefined, completed: number | undefined, total: number | undefined): void {
  if (tasks !== undefined) {
    patch.tasks = tasks;
    if (completed === undefined) completed = countTasks(tasks).completed;
    if (total === undefined) total = tasks.length;
  }
  if (completed !== undefined) patch.completedTasks = completed;
  if (total !== undefined) patch.totalTasks = total;
}
