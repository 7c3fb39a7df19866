/** The first check of anything off the wire: an object whose fields can be read (and are still unknown). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
