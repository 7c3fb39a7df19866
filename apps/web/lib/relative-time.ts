import { formatDistanceStrict } from 'date-fns';

/** Below this, "just now": "0 seconds ago" reads like a glitch, and a few seconds' precision tells nobody anything. */
const JUST_NOW_MS = 10_000;

/** "just now", "2 minutes ago": how long ago `then` was, seen at `now` (never in the future: clocks differ a little). */
export function relativeTime(then: number, now: number): string {
  const elapsed = now - then;
  if (elapsed < JUST_NOW_MS) return 'just now';
  return formatDistanceStrict(then, now, { addSuffix: true });
}
