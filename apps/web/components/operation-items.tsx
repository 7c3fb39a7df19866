'use client';

import type { TaskSnapshot, TaskStatus } from '@liveprogress/protocol';
import { useId, useState } from 'react';
import { formatCount } from '@/lib/operation-labels';
import styles from './operation-items.module.css';

/** How many items a page shows at first, and how many more each "Show more" adds. */
export const ITEMS_PAGE = 20;

/** Failed items first (what a person came to see), then those still running, waiting, and done. */
const ORDER: Record<TaskStatus, number> = { failed: 0, running: 1, pending: 2, completed: 3 };

const LABEL: Record<TaskStatus, string> = { failed: 'Failed', running: 'Running', pending: 'Waiting', completed: 'Done' };

/**
 * An operation's items (its tasks) without drawing a thousand rows: counts by status, then
 * the items in pages of 20, failed first, with "Show more".
 */
export function OperationItems({ tasks, ended }: { tasks: readonly TaskSnapshot[]; ended: boolean }) {
  const titleId = useId();
  const [shown, setShown] = useState(ITEMS_PAGE);
  const counts = countByStatus(tasks);
  const sorted = [...tasks].sort((a, b) => ORDER[a.status] - ORDER[b.status]);
  const visible = sorted.slice(0, shown);
  const left = sorted.length - visible.length;

  return (
    <section className="card" aria-labelledby={titleId}>
      <div className="card-header">
        <div>
          <h2 id={titleId}>Items</h2>
          <p>
            {formatCount(tasks.length)} items{counts.failed > 0 ? ', failed ones first' : ''}.
          </p>
        </div>
      </div>
      <dl className="summary" aria-label="Items by status">
        {(['completed', 'failed', 'running', 'pending'] as const).map((status) =>
          counts[status] > 0 || status === 'completed' ? (
            <div key={status} data-status={status}>
              <dt>{ended && status === 'pending' ? 'Never started' : LABEL[status]}</dt>
              <dd>{formatCount(counts[status])}</dd>
            </div>
          ) : null,
        )}
      </dl>
      <ul className={styles.items} aria-label="Items">
        {visible.map((task) => (
          <li key={task.id} className={styles.item} data-status={task.status}>
            <span className={styles.name}>{task.name}</span>
            <span className={styles.state}>
              {task.status === 'running' ? `${Math.round(task.progress)} %` : ended && task.status === 'pending' ? 'Never started' : LABEL[task.status]}
            </span>
            {task.error ? <span className={styles.error}>{task.error.message}</span> : null}
          </li>
        ))}
      </ul>
      {left > 0 ? (
        <div className="actions">
          <button type="button" className="button button--ghost button--small" onClick={() => setShown((count) => count + ITEMS_PAGE)}>
            Show {formatCount(Math.min(ITEMS_PAGE, left))} more
          </button>
          <span className="hint">
            Showing {formatCount(visible.length)} of {formatCount(sorted.length)}
          </span>
        </div>
      ) : null}
    </section>
  );
}

function countByStatus(tasks: readonly TaskSnapshot[]): Record<TaskStatus, number> {
  const counts: Record<TaskStatus, number> = { pending: 0, running: 0, completed: 0, failed: 0 };
  for (const task of tasks) counts[task.status] += 1;
  return counts;
}
