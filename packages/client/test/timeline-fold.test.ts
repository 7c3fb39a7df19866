import { eventPatch, type StoredEvent, type TaskSnapshot } from '@liveprogress/protocol';
import { describe, expect, it } from 'vitest';
import { OperationTimeline } from '../src/index.js';
import { snapshot, updated } from './helpers/fixtures.js';

const RUNNING: TaskSnapshot[] = [
  { id: 'a', name: 'a.txt', status: 'completed', progress: 100 },
  { id: 'b', name: 'b.txt', status: 'running', progress: 50 },
  { id: 'c', name: 'c.txt', status: 'pending', progress: 0 },
];
const FINAL: TaskSnapshot[] = [
  { id: 'a', name: 'a.txt', status: 'completed', progress: 100 },
  { id: 'b', name: 'b.txt', status: 'completed', progress: 100 },
  { id: 'c', name: 'c.txt', status: 'failed', progress: 20, error: { message: 'unreadable' } },
];

function staged(seq: number, stage: string, step: number, tasks?: TaskSnapshot[]): StoredEvent {
  const event = { ...updated(seq), stage, step, totalSteps: 3 } as Extract<StoredEvent, { event: 'progress.updated' }>;
  return tasks ? { ...event, tasks, completedTasks: tasks.filter((t) => t.status === 'completed').length, totalTasks: tasks.length } : event;
}

function followed(events: StoredEvent[], start = snapshot({ seq: 0, stage: null })): OperationTimeline {
  const timeline = new OperationTimeline();
  timeline.receiveAck({ snapshot: start, events: [] });
  for (const event of events) timeline.receiveLive(event);
  return timeline;
}

describe('OperationTimeline folds events the way the server stores them', () => {
  it('moves step and totalSteps with every live update', () => {
    const timeline = followed([staged(1, 'read', 1), staged(2, 'parse', 2)]);
    expect(timeline.snapshot).toMatchObject({ stage: 'parse', step: 2, totalSteps: 3 });
  });

  it('brings the step of a replayed history up to date instead of keeping the one of the ack it started from', () => {
    const timeline = new OperationTimeline();
    timeline.receiveAck({ snapshot: snapshot({ seq: 1, stage: 'read', step: 1, totalSteps: 3 }), events: [] });
    timeline.reset(); // the connection dropped while the operation moved on two stages
    timeline.beginSubscribe();
    const step = timeline.receiveAck({
      snapshot: snapshot({ seq: 3, stage: 'store', step: 3, totalSteps: 3 }),
      events: [staged(2, 'parse', 2), staged(3, 'store', 3)],
    });
    expect(step.complete).toBe(true);
    expect(timeline.snapshot).toMatchObject({ seq: 3, stage: 'store', step: 3, totalSteps: 3 });
  });

  it('keeps task counts current with the tasks', () => {
    const timeline = followed([staged(1, 'read', 1, RUNNING)]);
    expect(timeline.snapshot).toMatchObject({ tasks: RUNNING, completedTasks: 1, totalTasks: 3 });
  });

  it('leaves the final task states, counts and failed tasks of a completion that carries them', () => {
    const timeline = followed([
      staged(1, 'read', 1, RUNNING),
      {
        event: 'progress.completed',
        operationId: 'op-1',
        operationType: 'generic',
        status: 'completed',
        progress: 100,
        failedTasks: ['c'],
        tasks: FINAL,
        completedTasks: 2,
        totalTasks: 3,
        timestamp: 1002,
        seq: 2,
      },
    ]);
    expect(timeline.terminal).toBe(true);
    expect(timeline.snapshot).toMatchObject({
      status: 'completed',
      tasks: FINAL,
      completedTasks: 2,
      totalTasks: 3,
      failedTasks: ['c'],
      result: null,
      finishedAt: 1002,
    });
    expect(timeline.snapshot?.tasks?.map((task) => task.status)).toEqual(['completed', 'completed', 'failed']);
  });

  it('ends a cancelled operation as cancelled, with its last tasks and progress', () => {
    const stopped = RUNNING.map((task) => (task.status === 'running' ? { ...task, progress: 60 } : task));
    const timeline = followed([
      staged(1, 'read', 1, RUNNING),
      {
        event: 'progress.failed',
        operationId: 'op-1',
        operationType: 'generic',
        status: 'cancelled',
        progress: 45,
        error: { message: 'The operation was cancelled', code: 'CANCELLED' },
        tasks: stopped,
        completedTasks: 1,
        totalTasks: 3,
        timestamp: 1002,
        seq: 2,
      },
    ]);
    expect(timeline.snapshot).toMatchObject({
      status: 'cancelled',
      progress: 45,
      error: { code: 'CANCELLED' },
      tasks: stopped,
      finishedAt: 1002,
      estimatedCompletion: null,
    });
  });

  it('invents no field the server does not store: startedAt stays what the ack said', () => {
    const timeline = new OperationTimeline();
    timeline.receiveAck({ snapshot: snapshot({ seq: 0, status: 'pending', startedAt: null }), events: [] });
    timeline.receiveLive(updated(1));
    expect(timeline.snapshot?.startedAt).toBeNull();
  });

  it('ends with the snapshot a store gets by merging each event patch in turn', () => {
    const events: StoredEvent[] = [
      staged(1, 'read', 1, RUNNING),
      staged(2, 'parse', 2, RUNNING),
      updated(3, 70),
      {
        event: 'progress.completed',
        operationId: 'op-1',
        operationType: 'generic',
        status: 'completed',
        progress: 100,
        result: { n: 3 },
        tasks: FINAL,
        failedTasks: ['c'],
        timestamp: 1004,
        seq: 4,
      },
    ];
    const start = snapshot({ seq: 0, stage: null });
    // What the server's in-memory store does: patch in place, then number it.
    const stored = { ...start };
    for (const event of events) Object.assign(stored, eventPatch(event), { seq: event.seq, updatedAt: event.timestamp });
    expect(followed(events, start).snapshot).toEqual(stored);
  });
});
