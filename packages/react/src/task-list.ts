import { countTasks, type OperationSnapshot, type TaskSnapshot } from '@liveprogress/protocol';

/** The task list of an operation without tasks: one frozen array, so its identity never changes. */
export const NO_TASKS: readonly TaskSnapshot[] = Object.freeze([]);

/**
 * The next task list, reusing the previous list and each previous task object
 * whose content did not change. Every `progress.updated` of an operation with
 * tasks carries all of them anew; without this, every row of a task list would
 * re-render on every update of the operation.
 */
export function reconcileTasks(previous: readonly TaskSnapshot[], next: readonly TaskSnapshot[] | null | undefined): readonly TaskSnapshot[] {
  if (!next || next.length === 0) return NO_TASKS;
  if (next === previous) return previous;
  const before = new Map(previous.map((task) => [task.id, task]));
  let unchanged = next.length === previous.length;
  const tasks = next.map((task, index) => {
    const old = before.get(task.id);
    const kept = old && sameTask(old, task) ? old : task;
    if (kept !== previous[index]) unchanged = false;
    return kept;
  });
  return unchanged ? previous : tasks;
}

/**
 * How many of the operation's tasks are completed, as the server numbered them in
 * the snapshot (`applyEvent` keeps them current); counted from the tasks only for a
 * snapshot that has tasks without counts. Null when the operation has no tasks.
 */
export function taskCountsOf(snapshot: OperationSnapshot | null): { completed: number; total: number } | null {
  if (!snapshot?.tasks?.length) return null;
  const { completedTasks, totalTasks } = snapshot;
  if (completedTasks !== undefined && totalTasks !== undefined) return { completed: completedTasks, total: totalTasks };
  return countTasks(snapshot.tasks);
}

function sameTask(a: TaskSnapshot, b: TaskSnapshot): boolean {
  return (
    a.name === b.name &&
    a.status === b.status &&
    a.progress === b.progress &&
    a.message === b.message &&
    a.weight === b.weight &&
    a.startedAt === b.startedAt &&
    a.finishedAt === b.finishedAt &&
    sameJson(a.output, b.output) &&
    sameJson(a.error, b.error)
  );
}

/** Tasks come off the wire as JSON, so equal JSON is equal content. */
function sameJson(a: unknown, b: unknown): boolean {
  return a === b || JSON.stringify(a) === JSON.stringify(b);
}
