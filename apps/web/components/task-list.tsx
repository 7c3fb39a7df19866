'use client';

import type { TaskSnapshot } from '@liveprogress/protocol';
import type { ReactNode } from 'react';
import { ProgressBar } from './progress-bar';
import { StatusBadge } from './status-badge';
import styles from './task-list.module.css';

/** One row per sub-task of an operation (a file of an upload), with its own status and bar. */
export function TaskList({ tasks, caption, describe }: { tasks: readonly TaskSnapshot[]; caption: string; describe?: (task: TaskSnapshot) => ReactNode }) {
  return (
    <table className={styles.table}>
      <caption className={styles.caption}>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">Status</th>
          <th scope="col" className={styles.progressColumn}>
            Progress
          </th>
        </tr>
      </thead>
      <tbody>
        {tasks.map((task) => (
          <tr key={task.id} data-task-status={task.status}>
            <th scope="row" className={styles.name}>
              {task.name}
              {describe ? <span className={styles.detail}>{describe(task)}</span> : null}
            </th>
            <td>
              <StatusBadge status={task.status} />
            </td>
            <td>
              <div className={styles.progress}>
                <ProgressBar value={task.progress} label={`${task.name} progress`} status={task.status} size="small" />
                <span className={styles.percent}>{Math.round(task.progress)}%</span>
              </div>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
