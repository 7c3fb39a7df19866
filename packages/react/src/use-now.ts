import { useEffect, useState } from 'react';

/**
 * The current time, ticking every second while `active` (a clock for elapsed/remaining
 * time). It starts at `startAt` when given (the snapshot's `updatedAt`), so a server-rendered
 * tracker and its hydration compute the same text (docs/react.md, Server rendering); the real
 * time takes over as soon as the clock runs.
 */
export function useNow(active: boolean, startAt?: number): number {
  const [now, setNow] = useState(() => startAt ?? Date.now());
  useEffect(() => {
    if (!active) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [active]);
  return now;
}
