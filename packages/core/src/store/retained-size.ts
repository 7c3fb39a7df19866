/**
 * What one stored value costs in memory, estimated cheaply: the length of its JSON (one
 * byte a character, as V8 keeps ASCII strings) plus a fixed cost for the objects that hold
 * it. Calibrated against the heap (docs/operations.md, Memory bounds): within a factor of
 * two for progress events of a few hundred bytes to a few kilobytes, on the high side.
 */
export function retainedSize(value: unknown): number {
  return OBJECT_OVERHEAD_BYTES + (JSON.stringify(value)?.length ?? 0);
}

/** What a value whose JSON is `json` costs held as objects (as `retainedSize` estimates it). */
export function objectBytes(json: string): number {
  return OBJECT_OVERHEAD_BYTES + json.length;
}

/** Object headers, hidden classes and the array slot of one stored event or snapshot. */
const OBJECT_OVERHEAD_BYTES = 160;
