// A progress span runs from seconds to, rarely, days: fixed-length units cover it, so no calendar
// (and no date-fns, whose intervalToDuration cost every app 1.35 kB min+gz for this one string) is
// needed. Months and years have no fixed length; a span that long reads in days ("40 days").
const UNITS = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
] as const;

// English unit words, like the rest of the tracker's text: "1 minute", "5 seconds" (what Intl's
// `unitDisplay: 'long'` says in en-US, without carrying a formatter per unit).
function inWords(unit: string, count: number): string {
  return `${count.toLocaleString('en-US')} ${unit}${count === 1 ? '' : 's'}`;
}

/** A span of milliseconds in words ("1 minute 5 seconds"), to the second. */
export function formatSpan(ms: number): string {
  let seconds = Math.max(0, Math.round(ms / 1000));
  if (seconds === 0) return 'less than a second';
  const words: string[] = [];
  for (const [unit, length] of UNITS) {
    const count = Math.floor(seconds / length);
    seconds -= count * length;
    if (count > 0) words.push(inWords(unit, count));
  }
  return words.join(' ');
}
