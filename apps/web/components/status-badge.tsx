import type { OperationStatus } from '@liveprogress/protocol';
import { STATUS_LABEL } from '@/lib/operation-labels';
import styles from './status-badge.module.css';

/** An operation's (or a task's) status as a coloured pill. */
export function StatusBadge({ status }: { status: OperationStatus | 'idle' }) {
  return (
    <span className={styles.badge} data-status={status}>
      {status === 'idle' ? 'Waiting' : STATUS_LABEL[status]}
    </span>
  );
}
