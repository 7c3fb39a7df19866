import { intervalToDuration, type Duration } from 'date-fns';

const UNITS = ['years', 'months', 'days', 'hours', 'minutes', 'seconds'] as const;

// The words come from Intl, which the browser already has: date-fns's formatDuration would bring its
// whole en-US locale into every app's bundle (2.5 kB min+gz of parsing tables) for "1 minute 5 seconds".
// English, like the rest of the tracker's text.
const unitWords = new Map<(typeof UNITS)[number], Intl.NumberFormat>();
function inWords(unit: (typeof UNITS)[number], count: number): string {
  let format = unitWords.get(unit);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'unit', unit: unit.slice(0, -1), unitDisplay: 'long' });
    unitWords.set(unit, format);
  }
  return format.format(count);
}

/** A span of milliseconds in words ("1 minute 5 seconds"), to the second. */
export function formatSpan(ms: number): string {
  const seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds === 0) return 'less than a second';
  const duration: Duration = intervalToDuration({ start: 0, end: seconds * 1000 });
  return UNITS.filter((unit) => duration[unit])
    .map((unit) => inWords(unit, duration[unit]!))
    .join(' ');
}
