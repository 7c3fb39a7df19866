const UNITS: ReadonlyArray<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
];

/** Under this many seconds a time is "just now": "0 seconds ago" reads like a glitch, and a few seconds are noise. */
const JUST_NOW_SECONDS = 10;

const formats = new Map<string, Intl.RelativeTimeFormat>();

/**
 * When `at` was (or will be), seen from `now`, in words: "just now", "2 minutes ago",
 * "in 3 hours". Pass `now` (e.g. from a ticking clock) so a server render and its
 * hydration say the same. The browser's `Intl` does the wording; no date library needed.
 */
export function formatRelativeTime(at: number, now: number, locale = 'en'): string {
  const seconds = Math.round((at - now) / 1000);
  if (Math.abs(seconds) < JUST_NOW_SECONDS) return 'just now';
  let format = formats.get(locale);
  if (!format) {
    format = new Intl.RelativeTimeFormat(locale, { numeric: 'always' });
    formats.set(locale, format);
  }
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return format.format(Math.trunc(seconds / size), unit);
  }
  return 'just now';
}
