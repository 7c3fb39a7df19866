import type { TaskSnapshot } from '@liveprogress/protocol';
import { useMemo, useRef } from 'react';
import { NO_TASKS, reconcileTasks } from './task-list.js';

/**
 * The snapshot's tasks with their identity kept while they do not change: the
 * list is the same array until a task changes, and each task the same object
 * until it changes, so memoised task rows render only for their own updates.
 */
export function useStableTasks(tasks: readonly TaskSnapshot[] | null | undefined): readonly TaskSnapshot[] {
  // The last list handed out is only a base to reuse equal objects from; should React
  // discard the render that set it, reconciling against it still gives the right content.
  const last = useRef<readonly TaskSnapshot[]>(NO_TASKS);
  return useMemo(() => (last.current = reconcileTasks(last.current, tasks)), [tasks]);
}
