import { SseParser, type SseItem } from '@liveprogress/protocol';

export interface SseReadHooks {
  /** Each chunk that arrives (re-arm an idle timer, say), before its items are handled. */
  onChunk: () => void;
  onItem: (item: SseItem) => void;
  /** Checked after every read and every item: the reader's owner closed it. */
  stopped: () => boolean;
  /** At the end of the body, hand on a last message that no blank line closed (the operation stream does). */
  flushAtEnd: boolean;
}

/**
 * Reads a Server-Sent Events body into items, in order, until it ends (true) or the owner stops
 * (false); a failed read rejects. One loop for the operation stream and the room-event stream.
 */
export async function readSse(reader: ReadableStreamDefaultReader<Uint8Array>, hooks: SseReadHooks): Promise<boolean> {
  const decoder = new TextDecoder();
  const parser = new SseParser();
  for (;;) {
    const { done, value } = await reader.read();
    if (hooks.stopped()) return false;
    if (done) break;
    hooks.onChunk();
    for (const item of parser.push(decoder.decode(value, { stream: true }))) {
      hooks.onItem(item);
      if (hooks.stopped()) return false;
    }
  }
  if (hooks.flushAtEnd) {
    for (const item of parser.push(decoder.decode())) hooks.onItem(item);
    parser.end();
  }
  return true;
}
