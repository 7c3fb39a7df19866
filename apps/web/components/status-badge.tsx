import type { OperationStatus } from '@liveprogress/protocol';
import { STATUS_LABEL } from '@/lib/operation-labels';
import styles from './status-badge.module.css';

/** An operation's (or a task's) status as a coloured pill; `lost`: the server no longer has it, or this user may not see it (docs/react.md, Lost operations). */
export function StatusBadge({ status }: { status: OperationStatus | 'idle' | 'lost' }) {
  return (
    <span className={styles.badge} data-status={status}>
      {status === 'idle' ? 'Waiting' : status === 'lost' ? 'Not available' : STATUS_LABEL[status]}
    </span>
  );
}
