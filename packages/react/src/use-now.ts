import { useEffect, useState } from 'react';

/**
 * The current time, ticking every `intervalMs` while `active` (a clock for elapsed/remaining
 * time). It starts at `startAt` when given (the snapshot's `updatedAt`), so a server-rendered
 * tracker and its hydration compute the same text (docs/react.md, Server rendering); the real
 * time takes over as soon as the clock runs.
 */
export function useNow(active: boolean, { intervalMs = 1000, startAt }: { intervalMs?: number; startAt?: number | undefined } = {}): number {
  const [now, setNow] = useState(() => startAt ?? Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [active, intervalMs]);
  return now;
}
