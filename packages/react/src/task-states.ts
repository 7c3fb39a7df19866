import { isTerminalStatus, type OperationStatus, type TaskSnapshot } from '@liveprogress/protocol';

/**
 * How a task row reads: its own status while the operation runs; once the operation has
 * ended, a task it left unfinished takes the operation's end (docs/react.md, ProgressTracker).
 * `skipped`: never started before the operation ended.
 */
export type TaskState = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled' | 'skipped';

export interface TaskView {
  state: TaskState;
  /** 0–100, rounded: 100 for a task the completed operation finished, else where the task stopped. */
  value: number;
}

export const TASK_STATE_LABEL: Record<TaskState, string> = {
  pending: 'Waiting',
  running: 'In progress',
  completed: 'Done',
  failed: 'Failed',
  cancelled: 'Cancelled',
  skipped: 'Skipped',
};

/**
 * One task as it should read given its operation's status. The server reports tasks as the
 * work left them, so after a cancel or a failure a task can still say `running` at 50 % or
 * `pending`: the operation's end decides, with the protocol's terminal rule. A completed
 * operation finished all its tasks; a failed one failed the task in progress and skipped the
 * rest; a cancelled one cancelled the task in progress and skipped the rest.
 */
export function taskView(task: Pick<TaskSnapshot, 'status' | 'progress'>, operationStatus: OperationStatus | null | undefined): TaskView {
  const value = Math.round(task.progress);
  if (task.status === 'completed' || task.status === 'failed') return { state: task.status, value };
  if (!operationStatus || !isTerminalStatus(operationStatus)) return { state: task.status, value };
  if (operationStatus === 'completed') return { state: 'completed', value: 100 };
  if (task.status === 'pending') return { state: 'skipped', value };
  return { state: operationStatus === 'cancelled' ? 'cancelled' : 'failed', value };
}
