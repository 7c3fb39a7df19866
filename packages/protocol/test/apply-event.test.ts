import { describe, expect, it } from 'vitest';
import { applyEvent, eventPatch, type OperationSnapshot, type StoredEvent, type TaskSnapshot } from '../src/index.js';

const T0 = 1_763_800_000_000;

function snapshot(overrides: Partial<OperationSnapshot> = {}): OperationSnapshot {
  return {
    operationId: 'op1',
    operationType: 'import',
    name: null,
    status: 'running',
    stage: null,
    progress: 0,
    message: null,
    details: null,
    stages: null,
    tasks: null,
    result: null,
    error: null,
    ownerId: 'u1',
    tenantId: 't1',
    visibility: 'owner',
    createdAt: T0,
    updatedAt: T0,
    startedAt: T0,
    finishedAt: null,
    estimatedCompletion: null,
    seq: 0,
    ...overrides,
  };
}

const TASKS: TaskSnapshot[] = [
  { id: 'a', name: 'a.txt', status: 'completed', progress: 100 },
  { id: 'b', name: 'b.txt', status: 'running', progress: 50 },
  { id: 'c', name: 'c.txt', status: 'failed', progress: 10, error: { message: 'gone' } },
];

function updated(seq: number, overrides: Partial<Extract<StoredEvent, { event: 'progress.updated' }>> = {}): StoredEvent {
  return {
    event: 'progress.updated',
    operationId: 'op1',
    operationType: 'import',
    status: 'running',
    stage: 'load',
    progress: 40,
    message: 'Loading',
    details: { rows: 4 },
    timestamp: T0 + seq,
    estimatedCompletion: T0 + 1000,
    seq,
    ...overrides,
  };
}

function hasUndefinedValue(patch: object): boolean {
  return Object.values(patch).some((value) => value === undefined);
}

describe('eventPatch', () => {
  it('sets the running fields of a progress.updated, and nothing it does not carry', () => {
    const patch = eventPatch(updated(1));
    expect(patch).toEqual({
      operationType: 'import',
      status: 'running',
      stage: 'load',
      progress: 40,
      message: 'Loading',
      details: { rows: 4 },
      estimatedCompletion: T0 + 1000,
    });
    expect(Object.keys(patch)).not.toContain('tasks');
    expect(Object.keys(patch)).not.toContain('step');
  });

  it('takes the step, the tasks and their counts from a progress.updated that carries them', () => {
    const patch = eventPatch(updated(2, { step: 2, totalSteps: 4, tasks: TASKS, completedTasks: 1, totalTasks: 3 }));
    expect(patch).toMatchObject({ step: 2, totalSteps: 4, tasks: TASKS, completedTasks: 1, totalTasks: 3 });
  });

  it('counts the tasks of an event that carries tasks without counts', () => {
    expect(eventPatch(updated(2, { tasks: TASKS }))).toMatchObject({ tasks: TASKS, completedTasks: 1, totalTasks: 3 });
    const failed = eventPatch({ ...updated(3), event: 'progress.failed', status: 'failed', error: { message: 'x' }, tasks: TASKS } as StoredEvent);
    expect(failed).toMatchObject({ completedTasks: 1, totalTasks: 3 });
  });

  it('ends a completed operation at 100 with its result, message, failed tasks and final tasks', () => {
    const event: StoredEvent = {
      event: 'progress.completed',
      operationId: 'op1',
      operationType: 'import',
      status: 'completed',
      progress: 100,
      result: { imported: 3 },
      message: 'Done',
      failedTasks: ['c'],
      tasks: TASKS,
      completedTasks: 1,
      totalTasks: 3,
      timestamp: T0 + 9,
      seq: 9,
    };
    expect(eventPatch(event)).toEqual({
      operationType: 'import',
      status: 'completed',
      progress: 100,
      result: { imported: 3 },
      message: 'Done',
      failedTasks: ['c'],
      tasks: TASKS,
      completedTasks: 1,
      totalTasks: 3,
      finishedAt: T0 + 9,
      estimatedCompletion: null,
    });
  });

  it('stores a null result for a completion without one, and sets no message or task fields it was not given', () => {
    const patch = eventPatch({
      event: 'progress.completed',
      operationId: 'op1',
      operationType: 'import',
      status: 'completed',
      progress: 100,
      timestamp: T0 + 5,
    });
    expect(patch).toEqual({ operationType: 'import', status: 'completed', progress: 100, result: null, finishedAt: T0 + 5, estimatedCompletion: null });
    const explicitUndefined = eventPatch({
      event: 'progress.completed',
      operationId: 'op1',
      operationType: 'import',
      status: 'completed',
      progress: 100,
      result: undefined,
      timestamp: T0 + 5,
    });
    expect(explicitUndefined.result).toBeNull();
  });

  it('ends a failed or cancelled operation at the progress it reached, with its error', () => {
    for (const status of ['failed', 'cancelled'] as const) {
      const error = status === 'cancelled' ? { message: 'The operation was cancelled', code: 'CANCELLED' } : { message: 'boom', code: 'X' };
      const patch = eventPatch({ event: 'progress.failed', operationId: 'op1', operationType: 'import', status, progress: 62, error, timestamp: T0 + 7 });
      expect(patch).toEqual({ operationType: 'import', status, progress: 62, error, finishedAt: T0 + 7, estimatedCompletion: null });
    }
  });

  it('never sets a key to undefined, whatever the event kind', () => {
    const events: Parameters<typeof eventPatch>[0][] = [
      updated(1, { tasks: undefined, step: undefined, totalSteps: undefined, completedTasks: undefined }),
      {
        event: 'progress.completed',
        operationId: 'op1',
        operationType: 'import',
        status: 'completed',
        progress: 100,
        message: undefined,
        failedTasks: undefined,
        timestamp: T0,
      },
      {
        event: 'progress.failed',
        operationId: 'op1',
        operationType: 'import',
        status: 'failed',
        progress: 1,
        error: { message: 'x' },
        tasks: undefined,
        timestamp: T0,
      },
    ];
    for (const event of events) expect(hasUndefinedValue(eventPatch(event))).toBe(false);
  });

  it('takes an event before it is numbered (no seq), as the server builds it', () => {
    const { seq: _seq, ...input } = updated(1) as Extract<StoredEvent, { event: 'progress.updated' }>;
    expect(eventPatch(input)).toEqual(eventPatch(updated(1)));
  });
});

describe('applyEvent', () => {
  it('returns the patched snapshot with the event seq and timestamp, leaving the input untouched', () => {
    const before = snapshot({ seq: 3 });
    const frozen = JSON.stringify(before);
    const after = applyEvent(before, updated(4, { step: 1, totalSteps: 2 }));
    expect(after).not.toBe(before);
    expect(JSON.stringify(before)).toBe(frozen);
    expect(after).toMatchObject({ seq: 4, updatedAt: T0 + 4, stage: 'load', progress: 40, step: 1, totalSteps: 2 });
    expect(after).toMatchObject({ operationId: 'op1', ownerId: 'u1', tenantId: 't1', createdAt: T0, startedAt: T0 });
  });

  it('returns the same snapshot object for an event it already holds', () => {
    const current = snapshot({ seq: 5, progress: 70 });
    expect(applyEvent(current, updated(5))).toBe(current);
    expect(applyEvent(current, updated(2))).toBe(current);
  });

  it('keeps fields an update does not carry: tasks, counts and step from an earlier event', () => {
    const withTasks = applyEvent(snapshot(), updated(1, { tasks: TASKS, completedTasks: 1, totalTasks: 3, step: 1, totalSteps: 3 }));
    const later = applyEvent(withTasks, updated(2, { progress: 55 }));
    expect(later).toMatchObject({ progress: 55, tasks: TASKS, completedTasks: 1, totalTasks: 3, step: 1, totalSteps: 3 });
  });

  it('moves the step with every stage change', () => {
    let current = snapshot();
    current = applyEvent(current, updated(1, { stage: 'a', step: 1, totalSteps: 3 }));
    current = applyEvent(current, updated(2, { stage: 'b', step: 2, totalSteps: 3 }));
    expect(current).toMatchObject({ stage: 'b', step: 2, totalSteps: 3 });
  });

  it('leaves the final task states after a terminal event that carries them', () => {
    const done = TASKS.map((task) => ({ ...task, status: 'completed' as const, progress: 100 }));
    const running = applyEvent(snapshot(), updated(1, { tasks: TASKS }));
    const completed = applyEvent(running, {
      event: 'progress.completed',
      operationId: 'op1',
      operationType: 'import',
      status: 'completed',
      progress: 100,
      tasks: done,
      completedTasks: 3,
      totalTasks: 3,
      timestamp: T0 + 2,
      seq: 2,
    });
    expect(completed).toMatchObject({ status: 'completed', progress: 100, tasks: done, completedTasks: 3, totalTasks: 3, finishedAt: T0 + 2, result: null });
  });

  it('ends a cancelled operation as cancelled, keeping its progress', () => {
    const running = applyEvent(snapshot(), updated(1, { progress: 30 }));
    const cancelled = applyEvent(running, {
      event: 'progress.failed',
      operationId: 'op1',
      operationType: 'import',
      status: 'cancelled',
      progress: 30,
      error: { message: 'The operation was cancelled', code: 'CANCELLED' },
      timestamp: T0 + 2,
      seq: 2,
    });
    expect(cancelled).toMatchObject({ status: 'cancelled', progress: 30, error: { code: 'CANCELLED' }, finishedAt: T0 + 2, estimatedCompletion: null });
  });
});
