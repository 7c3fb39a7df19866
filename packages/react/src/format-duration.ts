import { formatDuration, intervalToDuration } from 'date-fns';

/** A span of milliseconds in words ("1 minute 5 seconds"), to the second. */
export function formatSpan(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds === 0) return 'less than a second';
  const duration = intervalToDuration({ start: 0, end: seconds * 1000 });
  return formatDuration(duration, { format: ['days', 'hours', 'minutes', 'seconds'] });
}
