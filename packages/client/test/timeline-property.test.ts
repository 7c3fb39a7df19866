import { eventPatch, type OperationSnapshot, type StoredEvent } from '@liveprogress/protocol';
import { chance, randomHistory, randomInt as int, seededRandom, type Random } from '@liveprogress/test-support';
import { describe, expect, it } from 'vitest';
import { OperationTimeline } from '../src/index.js';
import { snapshot } from './helpers/fixtures.js';

// Property: however the events of an operation reach the client (held before the ack,
// replayed in it, duplicated, cut by a reconnect), the snapshot it folds equals the one
// a store holds after writing the same events one by one. Seeded, so a failure repeats.

/** The server's snapshot after its first `k` events, written the way the in-memory store writes them. */
function storedAfter(start: OperationSnapshot, events: StoredEvent[], k: number): OperationSnapshot {
  const stored = { ...start };
  for (const event of events.slice(0, k)) Object.assign(stored, eventPatch(event), { seq: event.seq, updatedAt: event.timestamp });
  return stored;
}

/** One random way the events reach a client that subscribes part-way and reconnects once. */
function deliver(random: Random, start: OperationSnapshot, events: StoredEvent[]): OperationTimeline {
  const total = events.length;
  const timeline = new OperationTimeline();
  const live = (from: number, to: number) => {
    for (let seq = from; seq <= to; seq++) {
      timeline.receiveLive(events[seq - 1]!);
      if (chance(random, 0.2)) timeline.receiveLive(events[seq - 1]!); // a duplicate
    }
  };
  // First subscribe: the server is at `at`; some later events arrive live before the ack.
  const at = int(random, 0, total);
  const early = int(random, at, total);
  live(Math.max(1, at - 1), early);
  timeline.receiveAck({ snapshot: storedAfter(start, events, at), events: [] });
  // Live for a while, then the connection drops and some events are missed.
  const dropAt = int(random, early, total);
  live(early + 1, dropAt);
  timeline.reset();
  const missedTo = int(random, dropAt, total);
  // Re-subscribe with afterSeq: the server is at `now`; the replay may be cut short by retention.
  timeline.beginSubscribe();
  const now = int(random, missedTo, total);
  const heldFrom = int(random, missedTo + 1, total + 1);
  live(heldFrom, total);
  const retainedFrom = chance(random, 0.8) ? timeline.appliedSeq + 1 : int(random, timeline.appliedSeq + 1, now + 1);
  timeline.receiveAck({ snapshot: storedAfter(start, events, now), events: events.slice(retainedFrom - 1, now) });
  live(now + 1, total);
  return timeline;
}

describe('OperationTimeline over random histories and deliveries', () => {
  it('folds to the snapshot the server stored, field for field, in 500 seeded cases', () => {
    for (let seed = 1; seed <= 500; seed++) {
      const random = seededRandom(seed);
      const start = snapshot({ seq: 0, stage: null, status: 'running' });
      const events = randomHistory(random);
      const timeline = deliver(random, start, events);
      const expected = storedAfter(start, events, events.length);
      expect({ seed, snapshot: timeline.snapshot }).toEqual({ seed, snapshot: expected });
      expect({ seed, appliedSeq: timeline.appliedSeq }).toEqual({ seed, appliedSeq: events.length });
    }
  });
});
