import { countTasks, type TaskSnapshot, type TaskStatus } from '@liveprogress/protocol';
import { memo, useId, useMemo, type ReactNode } from 'react';

const STATUS_LABEL: Record<TaskStatus, string> = { pending: 'Waiting', running: 'In progress', completed: 'Done', failed: 'Failed' };

export interface TrackerTasksProps {
  tasks: readonly TaskSnapshot[];
  /** What the tasks are, in the plural, for the summary: "3 of 5 files done". */
  label: string;
}

/** The operation's tasks: a summary, then one row per task with its own bar. */
export function TrackerTasks({ tasks, label }: TrackerTasksProps): ReactNode {
  const summaryId = useId();
  const counts = useMemo(() => countTasks(tasks), [tasks]);
  return (
    <div className="lp-tracker__tasks">
      <p id={summaryId} className="lp-tracker__tasks-summary">
        {`${counts.completed} of ${counts.total} ${label} done`}
        {counts.failed > 0 ? <span className="lp-tracker__tasks-failed">{` · ${counts.failed} failed`}</span> : null}
      </p>
      <ul className="lp-tracker__task-list" aria-label="Tasks" aria-describedby={summaryId}>
        {tasks.map((task) => (
          <TaskRow key={task.id} task={task} />
        ))}
      </ul>
    </div>
  );
}

/** Memoised: the task objects keep their identity until they change, so a row renders only for its own task. */
const TaskRow = memo(function TaskRow({ task }: { task: TaskSnapshot }): ReactNode {
  const nameId = useId();
  const value = Math.round(task.progress);
  const failed = task.status === 'failed';
  // A failed task's message is its error's message: show it once, as the error.
  const note = failed ? (task.error?.message ?? task.message) : task.message;
  return (
    <li className="lp-tracker__task" data-status={task.status}>
      <span id={nameId} className="lp-tracker__task-name">
        {task.name}
      </span>
      <span className="lp-tracker__task-status">{task.status === 'running' ? `${value}%` : STATUS_LABEL[task.status]}</span>
      <div
        className="lp-tracker__task-bar"
        role="progressbar"
        aria-labelledby={nameId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={`${value}% — ${STATUS_LABEL[task.status].toLowerCase()}`}
      >
        <div className="lp-tracker__task-fill" style={{ width: `${value}%` }} />
      </div>
      {note ? <p className={failed ? 'lp-tracker__task-error' : 'lp-tracker__task-message'}>{note}</p> : null}
    </li>
  );
});
