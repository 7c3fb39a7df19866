import { type OperationSnapshot, startOf } from '@liveprogress/protocol';
import type { ReactNode } from 'react';
import { formatSpan } from './format-duration.js';

interface TrackerTimeProps {
  snapshot: OperationSnapshot;
  now: number;
  estimatedDuration: number | undefined;
  /** The connection is down: no countdown (the caller stops `now`), and the estimate says it waits. */
  paused: boolean;
}

/** Elapsed time and, while the operation runs, the time left: the server's estimate, else `estimatedDuration`. */
export function TrackerTime({ snapshot, now, estimatedDuration, paused }: TrackerTimeProps): ReactNode {
  const start = startOf(snapshot);
  const end = snapshot.finishedAt ?? Math.max(now, start);
  const elapsed = `Elapsed ${formatSpan(end - start)}`;
  return (
    <p className="lp-tracker__time">
      {elapsed}
      {snapshot.finishedAt === null ? timeLeft(snapshot, start, now, estimatedDuration, paused) : null}
    </p>
  );
}

/** What follows the elapsed time while the operation runs; null without an estimate. */
function timeLeft(snapshot: OperationSnapshot, start: number, now: number, estimatedDuration: number | undefined, paused: boolean): string | null {
  if (paused) return ' · estimate paused while reconnecting';
  const eta = snapshot.estimatedCompletion ?? (estimatedDuration === undefined ? null : start + estimatedDuration);
  if (eta === null) return null;
  return eta - now > 1000 ? ` · about ${formatSpan(eta - now)} left` : ' · finishing…';
}
