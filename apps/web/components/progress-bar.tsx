import type { OperationStatus } from '@liveprogress/protocol';
import styles from './progress-bar.module.css';

interface ProgressBarProps {
  /** 0–100 */
  value: number;
  /** The accessible name (tests and screen readers find the bar by it). */
  label: string;
  status?: OperationStatus | 'idle' | 'lost';
  /** Spoken with the value, e.g. the current message. */
  valueText?: string | null;
  size?: 'regular' | 'small';
}

/** A plain accessible progress bar, for when the full ProgressTracker is more than is needed. */
export function ProgressBar({ value, label, status = 'running', valueText, size = 'regular' }: ProgressBarProps) {
  const rounded = Math.max(0, Math.min(100, Math.round(value)));
  return (
    <div
      className={styles.track}
      data-size={size}
      data-status={status}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={rounded}
      aria-valuetext={valueText ? `${rounded}% — ${valueText}` : `${rounded}%`}
    >
      <div className={styles.fill} style={{ width: `${rounded}%` }} />
    </div>
  );
}
