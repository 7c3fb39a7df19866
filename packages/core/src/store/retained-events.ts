import type { StoredEvent } from '@liveprogress/protocol';

/** A run of frames in one buffer: the first whole, each later one as what differs from the first. */
interface Chunk {
  buf: Buffer;
  /** Bytes written. */
  used: number;
  /** The `seq` of the first frame. */
  firstSeq: number;
  count: number;
  /** The first frame's text, which every later frame of the chunk is compared with. */
  first: string;
  /** The prefix the last frame shared with `first`: where the next one most likely differs too. */
  shared: number;
}

/**
 * One operation's retained events, as their JSON text packed into buffers outside the
 * JavaScript heap, instead of one object graph per event (the event, its details, its
 * tasks). Events of one operation share most of their opening text (the id, the type,
 * the status, the stage...), so each frame after the first of its chunk is kept as the
 * length of the prefix it shares with that first frame and the bytes after that prefix.
 * Thousands of operations keeping up to `retention.maxEvents` events each then cost a
 * fraction of the memory, and nothing the garbage collector has to copy or trace
 * (docs/performance.md, Findings).
 *
 * Compared with the chunk's first frame, not with the one before: what a push keeps on
 * the heap lives as long as its chunk (dozens of events), so no string from one event
 * survives to the next one's young-generation collection (docs/performance.md, Findings).
 *
 * A replay parses the frames back: the same fields, in the same order, as the event was
 * stored — what the Redis store returns too. Events come with contiguous `seq`, so a
 * frame's position gives its `seq`.
 */
export class RetainedEvents {
  private readonly chunks: Chunk[] = [];
  /** The `seq` of the newest frame; 0 before the first. */
  private newestSeq = 0;
  private keptBytes = 0;

  constructor(private readonly maxEvents: number) {}

  /** Estimated bytes held: the buffers' sizes, the first frames' text and their bookkeeping. */
  get bytes(): number {
    return this.keptBytes;
  }

  /** Events that `after` can still return. */
  get size(): number {
    return this.newestSeq === 0 ? 0 : this.newestSeq - this.oldestKept() + 1;
  }

  /**
   * Keeps `frame`, the JSON text of the event with this `seq`, which follows the newest kept
   * one; forgets the oldest past `maxEvents`. Returns the change of `bytes`.
   */
  push(seq: number, frame: string): number {
    if (this.newestSeq !== 0 && seq !== this.newestSeq + 1) {
      throw new Error(`retained events must be contiguous: seq ${seq} after ${this.newestSeq}`);
    }
    const before = this.keptBytes;
    let chunk = this.chunks[this.chunks.length - 1];
    const shared = chunk ? sharedPrefix(chunk.first, frame, chunk.shared) : 0;
    const rest = shared > 0 ? frame.slice(shared) : frame;
    // UTF-8 takes at most 3 bytes per UTF-16 unit: when that fits, write at once and learn the length from the write.
    const fits =
      chunk !== undefined &&
      (chunk.used + HEADER_BYTES + 3 * rest.length <= chunk.buf.length || chunk.used + HEADER_BYTES + Buffer.byteLength(rest) <= chunk.buf.length);
    if (fits && chunk) {
      const { buf, used } = chunk;
      const length = buf.write(rest, used + HEADER_BYTES);
      writeUint32(buf, used, shared);
      writeUint32(buf, used + 4, length);
      chunk.used = used + HEADER_BYTES + length;
      chunk.count++;
      chunk.shared = shared;
    } else {
      // A new chunk starts with the whole frame, so it decodes without the ones before.
      const length = Buffer.byteLength(frame);
      // Doubling, but never past what about half of maxEvents take (as the last chunk's frames
      // did), so that a small retention does not keep a large chunk of dropped frames; room for
      // a few frames at least, so that a small retention does not allocate a buffer per event.
      const previous = chunk?.buf.length ?? FIRST_CHUNK_BYTES / 2;
      const fitting = chunk
        ? Math.max(MIN_CHUNK_BYTES, Math.ceil((chunk.used / chunk.count) * Math.max(MIN_FRAMES_PER_CHUNK, Math.ceil(this.maxEvents / 2))))
        : FIRST_CHUNK_BYTES;
      const size = Math.max(Math.min(previous * 2, MAX_CHUNK_BYTES, fitting), HEADER_BYTES + length);
      const buf = Buffer.allocUnsafeSlow(size);
      buf.write(frame, HEADER_BYTES);
      writeUint32(buf, 0, 0);
      writeUint32(buf, 4, length);
      chunk = { buf, used: HEADER_BYTES + length, firstSeq: seq, count: 1, first: frame, shared: 0 };
      this.chunks.push(chunk);
      this.keptBytes += size + CHUNK_OVERHEAD_BYTES + frame.length;
    }
    this.newestSeq = seq;
    // Whole chunks go once every frame in them is older than the newest maxEvents.
    const oldest = this.oldestKept();
    for (let first = this.chunks[0]; first && first !== chunk && first.firstSeq + first.count <= oldest; first = this.chunks[0]) {
      this.chunks.shift();
      this.keptBytes -= first.buf.length + CHUNK_OVERHEAD_BYTES + first.first.length;
    }
    return this.keptBytes - before;
  }

  /** The oldest `seq` `after` can return; `nextSeq` when none is kept. */
  oldestSeq(nextSeq: number): number {
    return this.size === 0 ? nextSeq : this.oldestKept();
  }

  /** The kept events after `afterSeq`, oldest first, parsed from their frames. */
  after(afterSeq: number): StoredEvent[] {
    const from = Math.max(afterSeq + 1, this.oldestKept());
    const events: StoredEvent[] = [];
    for (const chunk of this.chunks) {
      if (chunk.firstSeq + chunk.count <= from) continue;
      let at = 0;
      for (let i = 0; i < chunk.count; i++) {
        const shared = readUint32(chunk.buf, at);
        const length = readUint32(chunk.buf, at + 4);
        if (chunk.firstSeq + i >= from) {
          const rest = chunk.buf.toString('utf8', at + HEADER_BYTES, at + HEADER_BYTES + length);
          events.push(JSON.parse(shared > 0 ? chunk.first.slice(0, shared) + rest : rest) as StoredEvent);
        }
        at += HEADER_BYTES + length;
      }
    }
    return events;
  }

  private oldestKept(): number {
    const first = this.chunks[0];
    return Math.max(first ? first.firstSeq : 1, this.newestSeq - this.maxEvents + 1);
  }
}

/**
 * Characters `a` and `b` begin with in common, never ending inside a surrogate pair (the rest
 * is encoded on its own). `guess`: how many they likely share; when they do, those are
 * compared as one string comparison (the engine's, far cheaper than one character at a time
 * in JavaScript) and only the characters after it one by one. The result is the same either way.
 */
function sharedPrefix(a: string, b: string, guess: number): number {
  const max = Math.min(a.length, b.length);
  let n = 0;
  if (guess > 0 && guess <= max && a.substring(0, guess) === b.substring(0, guess)) n = guess;
  while (n < max && a.charCodeAt(n) === b.charCodeAt(n)) n++;
  if (n > 0 && n < b.length) {
    const high = b.charCodeAt(n - 1);
    if (high >= 0xd800 && high <= 0xdbff) n--;
  }
  return n;
}

function writeUint32(buf: Buffer, at: number, value: number): void {
  buf[at] = value & 0xff;
  buf[at + 1] = (value >>> 8) & 0xff;
  buf[at + 2] = (value >>> 16) & 0xff;
  buf[at + 3] = value >>> 24;
}

function readUint32(buf: Buffer, at: number): number {
  return ((buf[at] as number) | ((buf[at + 1] as number) << 8) | ((buf[at + 2] as number) << 16)) + (buf[at + 3] as number) * 0x1000000;
}

/** Per frame: the shared prefix's length in characters and the rest's in bytes, 32 bits each. */
const HEADER_BYTES = 8;
/** A chunk's first size; each next one doubles, up to MAX_CHUNK_BYTES (or one frame's size, if larger). */
const FIRST_CHUNK_BYTES = 1024;
const MAX_CHUNK_BYTES = 8 * 1024;
const MIN_CHUNK_BYTES = 256;
const MIN_FRAMES_PER_CHUNK = 4;
/** The Buffer object and the chunk's record on the heap, and the allocator's own bookkeeping. */
const CHUNK_OVERHEAD_BYTES = 256;
