import { Limits } from '@liveprogress/protocol';

/** Deeper than any request of the contract needs; checked without recursion so no input can overflow the stack. */
export const MAX_PAYLOAD_DEPTH = 16;

/**
 * Why a payload is refused before schema validation, or null. Walks the value
 * iteratively and counts its JSON size as it goes, stopping at the first bound passed.
 */
const tooLarge = `payload is larger than ${Limits.MAX_PAYLOAD_BYTES} bytes of JSON`;

export function checkInboundShape(value: unknown): string | null {
  const stack: Array<[unknown, number]> = [[value, 1]];
  let bytes = 0;
  while (stack.length > 0) {
    const [item, depth] = stack.pop() as [unknown, number];
    if (depth > MAX_PAYLOAD_DEPTH) return `payload is nested deeper than ${MAX_PAYLOAD_DEPTH} levels`;
    if (typeof item === 'string') bytes += item.length + 2;
    else if (item === null || typeof item !== 'object') bytes += 8;
    else if (Array.isArray(item)) {
      bytes += 2 + item.length;
      for (const child of item) stack.push([child, depth + 1]);
    } else {
      for (const key of Object.keys(item)) {
        bytes += key.length + 4;
        stack.push([(item as Record<string, unknown>)[key], depth + 1]);
      }
    }
    if (bytes > Limits.MAX_PAYLOAD_BYTES) return tooLarge;
  }
  // The walk counts characters; near the bound, count real UTF-8 bytes (safe now: the depth is bounded).
  if (bytes > Limits.MAX_PAYLOAD_BYTES / 8 && Buffer.byteLength(JSON.stringify(value) ?? '') > Limits.MAX_PAYLOAD_BYTES) return tooLarge;
  return null;
}
