import { eventPatch, type OperationSnapshot, type StoredEvent, type TaskSnapshot } from '@liveprogress/protocol';
import { describe, expect, it } from 'vitest';
import { OperationTimeline } from '../src/index.js';
import { snapshot } from './helpers/fixtures.js';

// Property: however the events of an operation reach the client (held before the ack,
// replayed in it, duplicated, cut by a reconnect), the snapshot it folds equals the one
// a store holds after writing the same events one by one. Seeded, so a failure repeats.

type Random = () => number;

/** mulberry32: a small seeded generator, so every run checks the same cases. */
function seeded(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const int = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
const chance = (random: Random, p: number) => random() < p;
const STAGES = ['read', 'parse', 'store'];
const TASK_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;

function tasksOf(random: Random): TaskSnapshot[] {
  return Array.from({ length: int(random, 1, 3) }, (_, i) => {
    const status = TASK_STATUSES[int(random, 0, 3)]!;
    return { id: `t${i}`, name: `task ${i}`, status, progress: status === 'completed' ? 100 : int(random, 0, 99) };
  });
}

/** A valid history: rising progress and stages, then maybe one terminal event. */
function history(random: Random): StoredEvent[] {
  const events: StoredEvent[] = [];
  let progress = 0;
  let stage = 0;
  const updates = int(random, 1, 10);
  for (let seq = 1; seq <= updates; seq++) {
    progress = Math.min(99, progress + int(random, 0, 15));
    if (chance(random, 0.3)) stage = Math.min(STAGES.length - 1, stage + 1);
    const tasks = chance(random, 0.5) ? tasksOf(random) : undefined;
    const counted = tasks && chance(random, 0.7);
    events.push({
      event: 'progress.updated',
      operationId: 'op-1',
      operationType: 'generic',
      status: 'running',
      stage: STAGES[stage]!,
      progress,
      message: chance(random, 0.8) ? `at ${seq}` : null,
      details: chance(random, 0.5) ? { seq } : null,
      ...(chance(random, 0.8) ? { step: stage + 1, totalSteps: STAGES.length } : {}),
      ...(tasks ? { tasks } : {}),
      ...(counted ? { completedTasks: tasks.filter((t) => t.status === 'completed').length, totalTasks: tasks.length } : {}),
      timestamp: 1000 + seq,
      estimatedCompletion: chance(random, 0.5) ? 5000 : null,
      seq,
    });
  }
  const seq = updates + 1;
  const tasks = chance(random, 0.5) ? { tasks: tasksOf(random) } : {};
  switch (int(random, 0, 3)) {
    case 0:
      break; // still running
    case 1:
      events.push({
        event: 'progress.completed',
        operationId: 'op-1',
        operationType: 'generic',
        status: 'completed',
        progress: 100,
        ...(chance(random, 0.5) ? { result: { n: seq } } : {}),
        ...(chance(random, 0.5) ? { message: 'done' } : {}),
        ...(chance(random, 0.3) ? { failedTasks: ['t0'] } : {}),
        ...tasks,
        timestamp: 1000 + seq,
        seq,
      });
      break;
    default:
      events.push({
        event: 'progress.failed',
        operationId: 'op-1',
        operationType: 'generic',
        status: chance(random, 0.5) ? 'failed' : 'cancelled',
        progress,
        error: { message: 'stopped', code: 'X' },
        ...tasks,
        timestamp: 1000 + seq,
        seq,
      });
  }
  return events;
}

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
      const random = seeded(seed);
      const start = snapshot({ seq: 0, stage: null, status: 'running' });
      const events = history(random);
      const timeline = deliver(random, start, events);
      const expected = storedAfter(start, events, events.length);
      expect({ seed, snapshot: timeline.snapshot }).toEqual({ seed, snapshot: expected });
      expect({ seed, appliedSeq: timeline.appliedSeq }).toEqual({ seed, appliedSeq: events.length });
    }
  });
});
