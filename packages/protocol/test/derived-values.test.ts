import { describe, expect, it } from 'vitest';
import { countTasks, isTerminalEvent, isTerminalStatus, startOf, stepOf } from '../src/index.js';
import { OPERATION_STATUSES, TERMINAL_STATUSES } from '../src/operation.js';

describe('countTasks', () => {
  it('counts completed, failed and all tasks', () => {
    expect(
      countTasks([
        { id: 'a', name: 'a', status: 'completed', progress: 100 },
        { id: 'b', name: 'b', status: 'failed', progress: 20 },
        { id: 'c', name: 'c', status: 'running', progress: 20 },
        { id: 'd', name: 'd', status: 'pending', progress: 0 },
        { id: 'e', name: 'e', status: 'completed', progress: 100 },
      ]),
    ).toEqual({ completed: 2, failed: 1, total: 5 });
    expect(countTasks([])).toEqual({ completed: 0, failed: 0, total: 0 });
  });
});

describe('stepOf', () => {
  it("reads the server's step and total, and is null without both", () => {
    expect(stepOf({ step: 2, totalSteps: 4 })).toEqual({ step: 2, totalSteps: 4 });
    expect(stepOf({ step: 2 })).toBeNull();
    expect(stepOf({})).toBeNull();
    expect(stepOf(null)).toBeNull();
  });
});

describe('startOf', () => {
  it('counts from startedAt, and from createdAt when the snapshot has no startedAt', () => {
    expect(startOf({ startedAt: 2_000, createdAt: 1_000 })).toBe(2_000);
    expect(startOf({ startedAt: null, createdAt: 1_000 })).toBe(1_000);
  });
});

describe('terminal statuses and events', () => {
  it('calls exactly the statuses in TERMINAL_STATUSES terminal', () => {
    expect(OPERATION_STATUSES.filter(isTerminalStatus)).toEqual([...TERMINAL_STATUSES]);
    expect(TERMINAL_STATUSES).toEqual(['completed', 'failed', 'cancelled']);
  });

  it('calls completed and failed events terminal, updates not', () => {
    const base = { operationId: 'op', operationType: 't', timestamp: 1, seq: 1 };
    expect(
      isTerminalEvent({
        ...base,
        event: 'progress.updated',
        status: 'running',
        stage: null,
        progress: 1,
        message: null,
        details: null,
        estimatedCompletion: null,
      }),
    ).toBe(false);
    expect(isTerminalEvent({ ...base, event: 'progress.completed', status: 'completed', progress: 100 })).toBe(true);
    expect(isTerminalEvent({ ...base, event: 'progress.failed', status: 'cancelled', progress: 3, error: { message: 'x' } })).toBe(true);
  });
});
