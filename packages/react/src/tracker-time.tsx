import type { OperationSnapshot } from '@liveprogress/protocol';
import type { ReactNode } from 'react';
import { formatSpan } from './format-duration.js';

interface TrackerTimeProps {
  snapshot: OperationSnapshot;
  now: number;
  estimatedDuration: number | undefined;
  /** The connection is down: no countdown (the caller stops `now`), and the estimate says it waits. */
  paused?: boolean;
}

/** Elapsed time and, while the operation runs, the time left: the server's estimate, else `estimatedDuration`. */
export function TrackerTime({ snapshot, now, estimatedDuration, paused = false }: TrackerTimeProps): ReactNode {
  const start = snapshot.startedAt ?? snapshot.createdAt;
  const end = snapshot.finishedAt ?? Math.max(now, start);
  const elapsed = `Elapsed ${formatSpan(end - start)}`;
  if (snapshot.finishedAt !== null) return <p className="lp-tracker__time">{elapsed}</p>;
  if (paused) return <p className="lp-tracker__time">{`${elapsed} · estimate paused while reconnecting`}</p>;
  const eta = snapshot.estimatedCompletion ?? (estimatedDuration === undefined ? null : start + estimatedDuration);
  const remaining = eta === null ? null : eta - now;
  return (
    <p className="lp-tracker__time">
      {elapsed}
      {remaining === null ? null : remaining > 1000 ? ` · about ${formatSpan(remaining)} left` : ' · finishing…'}
    </p>
  );
}
