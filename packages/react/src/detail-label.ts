/**
 * A details or result key in words for people: "processedCount" or "processed_count" →
 * "Processed count". The tracker shows an operation's details this way; an app that lists
 * them itself can use the same rule.
 */
export function detailLabel(key: string): string {
  const spaced = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}
