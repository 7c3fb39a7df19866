import type { OperationStatus, TaskSnapshot } from '@liveprogress/protocol';
import { memo, useId, useMemo, type ReactNode } from 'react';
import { TASK_STATE_LABEL, type TaskState, taskView } from './task-states.js';
import { TrackerBar } from './tracker-bar.js';

export interface TrackerTasksProps {
  tasks: readonly TaskSnapshot[];
  /** What the tasks are, in the plural, for the summary: "3 of 5 files done". */
  label: string;
  /** The operation's status: once it has ended, unfinished tasks take its end (see `taskView`). */
  operationStatus?: OperationStatus | null;
}

/** The ends other than done that the summary counts, in this order: "3 of 5 files done · 1 failed · 1 skipped". */
const UNFINISHED = ['failed', 'cancelled', 'skipped'] as const;

/** The operation's tasks: a summary, then one row per task with its own bar. */
export function TrackerTasks({ tasks, label, operationStatus }: TrackerTasksProps): ReactNode {
  const summaryId = useId();
  const counts = useMemo(() => {
    const byState: Record<TaskState, number> = { pending: 0, running: 0, completed: 0, failed: 0, cancelled: 0, skipped: 0 };
    for (const task of tasks) byState[taskView(task, operationStatus).state] += 1;
    return byState;
  }, [tasks, operationStatus]);
  return (
    <div className="lp-tracker__tasks">
      <p id={summaryId} className="lp-tracker__tasks-summary">
        {`${counts.completed} of ${tasks.length} ${label} done`}
        {UNFINISHED.map((state) =>
          counts[state] > 0 ? <span key={state} className={`lp-tracker__tasks-${state}`}>{` · ${counts[state]} ${state}`}</span> : null,
        )}
      </p>
      <ul className="lp-tracker__task-list" aria-label="Tasks" aria-describedby={summaryId}>
        {tasks.map((task) => (
          <TaskRow key={task.id} task={task} operationStatus={operationStatus} />
        ))}
      </ul>
    </div>
  );
}

/** Memoised: the task objects keep their identity until they change, so a row renders only for its own task (or the operation's end). */
const TaskRow = memo(function TaskRow({ task, operationStatus }: { task: TaskSnapshot; operationStatus: OperationStatus | null | undefined }): ReactNode {
  const nameId = useId();
  const { state, value } = taskView(task, operationStatus);
  const label = TASK_STATE_LABEL[state];
  // A failed task's message is its error's message: show it once, as the error.
  const note = task.status === 'failed' ? (task.error?.message ?? task.message) : task.message;
  return (
    <li className="lp-tracker__task" data-status={state}>
      <span id={nameId} className="lp-tracker__task-name">
        {task.name}
      </span>
      <span className="lp-tracker__task-status">{state === 'running' ? `${value}%` : label}</span>
      <TrackerBar
        className="lp-tracker__task-bar"
        fillClassName="lp-tracker__task-fill"
        labelledBy={nameId}
        value={value}
        valueText={`${value}% — ${label.toLowerCase()}`}
      />
      {note ? <p className={task.status === 'failed' ? 'lp-tracker__task-error' : 'lp-tracker__task-message'}>{note}</p> : null}
    </li>
  );
});
