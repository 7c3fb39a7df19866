import type { TaskSnapshot } from './operation.js';

export interface TaskCounts {
  completed: number;
  failed: number;
  total: number;
}

/** How many of an operation's tasks completed and failed: what `completedTasks` and `totalTasks` count. */
export function countTasks(tasks: readonly TaskSnapshot[]): TaskCounts {
  let completed = 0;
  let failed = 0;
  for (const task of tasks) {
    if (task.status === 'completed') completed += 1;
    else if (task.status === 'failed') failed += 1;
  }
  return { completed, failed, total: tasks.length };
}
