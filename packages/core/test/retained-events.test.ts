import type { EventInput, StoredEvent } from '@liveprogress/protocol';
import { makeSnapshot } from '@liveprogress/test-support';
import { describe, expect, it } from 'vitest';
import { MemoryOperationStore } from '../src/index.js';
import { RetainedEvents } from '../src/store/retained-events.js';

/** Events whose text varies the way real ones do: rising numbers, messages that change, non-ASCII, a big one now and then. */
function eventAt(seq: number): StoredEvent {
  const messages = ['copying', 'copying café', 'naïve — ok', '𝄞 clef', '𝄟 other clef', 'emoji 😀', 'emoji 😁', ''];
  return {
    event: 'progress.updated',
    operationId: 'op-1',
    operationType: 'import',
    status: 'running',
    stage: seq % 7 === 0 ? null : 'processing',
    progress: Math.min(99, seq / 10),
    message: messages[seq % messages.length] as string,
    details: seq % 50 === 0 ? { blob: 'x'.repeat(20_000), n: seq } : { n: seq, at: 1_700_000_000_000 + seq * 0.25 },
    timestamp: 1_700_000_000_000 + seq,
    estimatedCompletion: null,
    seq,
  };
}

function filled(maxEvents: number, count: number): { retained: RetainedEvents; frames: string[] } {
  const retained = new RetainedEvents(maxEvents);
  const frames: string[] = [];
  for (let seq = 1; seq <= count; seq++) {
    const frame = JSON.stringify(eventAt(seq));
    frames.push(frame);
    retained.push(seq, frame);
  }
  return { retained, frames };
}

describe('RetainedEvents', () => {
  it('replays exactly the text it was given, frame for frame, across chunks, non-ASCII text and frames larger than a chunk', () => {
    const { retained, frames } = filled(10_000, 600);
    const replayed = retained.after(0);
    expect(replayed).toHaveLength(600);
    expect(replayed.map((e) => JSON.stringify(e))).toEqual(frames);
    expect(replayed[299]).toEqual(eventAt(300));
  });

  it('returns only the events after the seq asked for, from the middle of a chunk', () => {
    const { retained, frames } = filled(10_000, 300);
    for (const afterSeq of [0, 1, 17, 149, 150, 298, 299, 300]) {
      expect(retained.after(afterSeq).map((e) => JSON.stringify(e))).toEqual(frames.slice(afterSeq));
    }
  });

  it('keeps the newest maxEvents, and gives back the bytes of the chunks it drops', () => {
    const { retained, frames } = filled(40, 1_000);
    expect(retained.size).toBe(40);
    expect(retained.oldestSeq(1_001)).toBe(961);
    expect(retained.after(0).map((e) => JSON.stringify(e))).toEqual(frames.slice(960));
    // About 40 frames' worth (the big one of every 50 included), not 1,000.
    expect(retained.bytes).toBeLessThan(40_000 + 3 * 8 * 1024);
    let bytes = retained.bytes;
    for (let seq = 1_001; seq <= 2_000; seq++) bytes += retained.push(seq, JSON.stringify(eventAt(seq)));
    expect(retained.bytes).toBe(bytes);
    expect(retained.bytes).toBeLessThan(40_000 + 3 * 8 * 1024);
  });

  it('keeps a run of small events in far fewer bytes than their text, as they share their opening fields', () => {
    const retained = new RetainedEvents(1_000);
    let text = 0;
    for (let seq = 1; seq <= 1_000; seq++) {
      const frame = JSON.stringify({ ...eventAt(seq), message: 'copying', details: { n: seq } });
      text += frame.length;
      retained.push(seq, frame);
    }
    expect(retained.bytes).toBeLessThan(text * 0.75);
  });

  it('keeps few bytes when maxEvents is small, however many events pass through', () => {
    const retained = new RetainedEvents(2);
    for (let seq = 1; seq <= 500; seq++) retained.push(seq, JSON.stringify({ ...eventAt(seq), details: { n: seq } }));
    expect(retained.after(0).map((e) => e.seq)).toEqual([499, 500]);
    // At most two small chunks of a few frames each (a chunk per event would cost an allocation per event).
    const after500 = retained.bytes;
    expect(after500).toBeLessThan(3_000);
    for (let seq = 501; seq <= 1_000; seq++) retained.push(seq, JSON.stringify({ ...eventAt(seq), details: { n: seq } }));
    expect(retained.bytes).toBeLessThan(3_000);
  });

  it('refuses a frame whose seq does not follow the newest one', () => {
    const retained = new RetainedEvents(10);
    retained.push(1, JSON.stringify(eventAt(1)));
    expect(() => retained.push(3, JSON.stringify(eventAt(3)))).toThrow(/contiguous/);
  });
});

describe('MemoryOperationStore retention', () => {
  it('replays every stored event as it was returned by append, field for field and in the same order', async () => {
    const store = new MemoryOperationStore({ maxEvents: 1_000, terminalRetentionMs: 60_000 });
    const s = makeSnapshot();
    await store.create(s);
    const appended: string[] = [];
    for (let i = 1; i <= 250; i++) {
      const { seq: _seq, ...input } = eventAt(i);
      const result = await store.append(s.operationId, { ...input, operationId: s.operationId } as EventInput);
      if (!result || 'conflict' in result) throw new Error('append refused');
      appended.push(JSON.stringify(result.event));
    }
    const replay = await store.eventsAfter(s.operationId, 100);
    expect(replay.recovered).toBe(true);
    expect(replay.events.map((e) => JSON.stringify(e))).toEqual(appended.slice(100));
    expect(replay.events.map((e) => e.seq)).toEqual(Array.from({ length: 150 }, (_, i) => 101 + i));
    await store.close();
  });

  it('says a replay from before the oldest retained event is not recovered, and returns what it has', async () => {
    const store = new MemoryOperationStore({ maxEvents: 20, terminalRetentionMs: 60_000 });
    const s = makeSnapshot();
    await store.create(s);
    for (let i = 1; i <= 100; i++) {
      const { seq: _seq, ...input } = eventAt(i);
      await store.append(s.operationId, { ...input, operationId: s.operationId } as EventInput);
    }
    const late = await store.eventsAfter(s.operationId, 10);
    expect(late.recovered).toBe(false);
    expect(late.events.map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => 81 + i));
    const recent = await store.eventsAfter(s.operationId, 80);
    expect(recent).toMatchObject({ recovered: true });
    expect(recent.events).toHaveLength(20);
    await store.close();
  });
});
