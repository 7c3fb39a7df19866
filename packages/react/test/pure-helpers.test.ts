import type { OperationSnapshot, TaskSnapshot } from '@liveprogress/protocol';
import { makeSnapshot } from '@liveprogress/test-support';
import { describe, expect, it } from 'vitest';
import { resolveEndpoint, resolveSocketUrl, toHttpUrl } from '../src/default-urls.js';
import { detailLabel } from '../src/detail-label.js';
import { formatSpan } from '../src/format-duration.js';
import { formatRelativeTime } from '../src/format-relative-time.js';
import { encodeBody } from '../src/operation-request.js';
import { stageStates } from '../src/stage-states.js';
import { NO_TASKS, reconcileTasks, taskCountsOf } from '../src/task-list.js';
import { taskView } from '../src/task-states.js';
import { toSystemToast } from '../src/toasts.js';

const STAGES = [
  { id: 'b', name: 'B', order: 2 },
  { id: 'a', name: 'A', order: 1 },
  { id: 'c', name: 'C', order: 3 },
];

function snapshot(patch: Partial<OperationSnapshot>): OperationSnapshot {
  return makeSnapshot({ operationId: 'op', operationType: 't', ownerId: 'u', createdAt: 0, updatedAt: 0, startedAt: 0, seq: 1, ...patch });
}

describe('stageStates', () => {
  it('orders stages and marks earlier ones done, the current one current, later ones pending', () => {
    expect(stageStates(STAGES, snapshot({ stage: 'b' })).map((s) => `${s.id}:${s.state}`)).toEqual(['a:done', 'b:current', 'c:pending']);
  });

  it('marks the stage a failed operation stopped in as failed, and the one a cancelled operation stopped in as cancelled', () => {
    expect(stageStates(STAGES, snapshot({ stage: 'b', status: 'failed' })).map((s) => s.state)).toEqual(['done', 'failed', 'pending']);
    expect(stageStates(STAGES, snapshot({ stage: 'a', status: 'cancelled' })).map((s) => s.state)).toEqual(['cancelled', 'pending', 'pending']);
  });

  it('marks every stage done once the operation completed, and none before it has a stage', () => {
    expect(stageStates(STAGES, snapshot({ stage: 'b', status: 'completed' })).map((s) => s.state)).toEqual(['done', 'done', 'done']);
    expect(stageStates(STAGES, null).map((s) => s.state)).toEqual(['pending', 'pending', 'pending']);
    expect(stageStates(STAGES, snapshot({ stage: 'unknown' })).map((s) => s.state)).toEqual(['pending', 'pending', 'pending']);
  });
});

describe('formatSpan', () => {
  it('writes a span in words, to the second', () => {
    expect(formatSpan(0)).toBe('less than a second');
    expect(formatSpan(42_300)).toBe('42 seconds');
    expect(formatSpan(65_000)).toBe('1 minute 5 seconds');
    expect(formatSpan(3_600_000 + 120_000)).toBe('1 hour 2 minutes');
    expect(formatSpan(1000)).toBe('1 second');
    expect(formatSpan(26 * 3_600_000 + 1000)).toBe('1 day 2 hours 1 second');
  });

  it('counts a span longer than a month in days, which have a fixed length', () => {
    expect(formatSpan(40 * 86_400_000 + 3 * 60_000)).toBe('40 days 3 minutes');
  });

  it("says each unit as Intl's en-US long unit names do, thousands grouped", () => {
    for (const [unit, ms] of [
      ['day', 86_400_000],
      ['hour', 3_600_000],
      ['minute', 60_000],
      ['second', 1000],
    ] as const) {
      const counts = unit === 'day' ? [1, 2, 1234] : [1, 2];
      for (const count of counts) {
        const intl = new Intl.NumberFormat('en-US', { style: 'unit', unit, unitDisplay: 'long' }).format(count);
        expect(formatSpan(count * ms)).toBe(intl);
      }
    }
  });
});

describe('detailLabel', () => {
  it('writes camelCase, snake_case and kebab-case keys as words a person reads', () => {
    expect(detailLabel('processedCount')).toBe('Processed count');
    expect(detailLabel('processed_count')).toBe('Processed count');
    expect(detailLabel('rows-per-second')).toBe('Rows per second');
    expect(detailLabel('total2Items')).toBe('Total2 items');
    expect(detailLabel('items')).toBe('Items');
  });
});

describe('formatRelativeTime', () => {
  it('says "just now" for the first seconds instead of "0 seconds ago", then counts in the largest whole unit', () => {
    const now = 1_700_000_000_000;
    expect(formatRelativeTime(now, now)).toBe('just now');
    expect(formatRelativeTime(now - 9_000, now)).toBe('just now');
    expect(formatRelativeTime(now + 3_000, now)).toBe('just now');
    expect(formatRelativeTime(now - 42_000, now)).toBe('42 seconds ago');
    expect(formatRelativeTime(now - 60_000, now)).toBe('1 minute ago');
    expect(formatRelativeTime(now - 125_000, now)).toBe('2 minutes ago');
    expect(formatRelativeTime(now - 3 * 3600_000, now)).toBe('3 hours ago');
    expect(formatRelativeTime(now - 2 * 86_400_000, now)).toBe('2 days ago');
    expect(formatRelativeTime(now + 5 * 60_000, now)).toBe('in 5 minutes');
  });
});

describe('taskView', () => {
  const running = { status: 'running', progress: 50.4 } as const;
  const waiting = { status: 'pending', progress: 0 } as const;
  const failed = { status: 'failed', progress: 30 } as const;

  it("keeps a task's own state while the operation runs", () => {
    expect(taskView(running, 'running')).toEqual({ state: 'running', value: 50 });
    expect(taskView(waiting, 'pending')).toEqual({ state: 'pending', value: 0 });
    expect(taskView(running, null)).toEqual({ state: 'running', value: 50 });
  });

  it("gives an unfinished task its operation's end: done when it completed, failed or cancelled when it stopped mid-task, skipped when it never started", () => {
    expect(taskView(running, 'completed')).toEqual({ state: 'completed', value: 100 });
    expect(taskView(waiting, 'completed')).toEqual({ state: 'completed', value: 100 });
    expect(taskView(running, 'failed')).toEqual({ state: 'failed', value: 50 });
    expect(taskView(waiting, 'failed')).toEqual({ state: 'skipped', value: 0 });
    expect(taskView(running, 'cancelled')).toEqual({ state: 'cancelled', value: 50 });
    expect(taskView(waiting, 'cancelled')).toEqual({ state: 'skipped', value: 0 });
  });

  it('never rewrites a task that finished on its own', () => {
    expect(taskView(failed, 'completed')).toEqual({ state: 'failed', value: 30 });
    expect(taskView({ status: 'completed', progress: 100 }, 'cancelled')).toEqual({ state: 'completed', value: 100 });
  });
});

describe('encodeBody', () => {
  it('sends plain data as JSON', () => {
    expect(encodeBody({ name: 'x', simulate: { durationMs: 5 } })).toBe('{"name":"x","simulate":{"durationMs":5}}');
    expect(encodeBody(undefined)).toBeUndefined();
  });

  it('sends form data when a value is a File or Blob, one part per array item, objects as JSON', async () => {
    const body = encodeBody({ file: [new File(['1'], 'a.txt'), new File(['22'], 'b.txt')], destination: 'in/', simulate: { durationMs: 5 }, skip: undefined });
    expect(body).toBeInstanceOf(FormData);
    const form = body as FormData;
    expect(form.getAll('file').map((f) => (f as File).name)).toEqual(['a.txt', 'b.txt']);
    expect(form.get('destination')).toBe('in/');
    expect(form.get('simulate')).toBe('{"durationMs":5}');
    expect(form.has('skip')).toBe(false);
  });
});

describe('URLs', () => {
  it('maps socket URLs to HTTP and joins endpoints onto the API URL, keeping its path', () => {
    expect(toHttpUrl('ws://localhost:3001')).toBe('http://localhost:3001');
    expect(toHttpUrl('wss://api.example.com')).toBe('https://api.example.com');
    expect(resolveEndpoint('/api/x', 'https://host/backend/')).toBe('https://host/backend/api/x');
    expect(resolveEndpoint('api/x', 'https://host')).toBe('https://host/api/x');
    expect(resolveEndpoint('https://other/api/x', 'https://host')).toBe('https://other/api/x');
    expect(resolveEndpoint('/api/x', undefined)).toBe('/api/x');
  });

  it('prefers the url prop to the page origin', () => {
    expect(resolveSocketUrl('http://127.0.0.1:1')).toBe('http://127.0.0.1:1');
    expect(resolveSocketUrl(undefined)).toBe(window.location.origin);
  });
});

describe('toSystemToast', () => {
  it('reads a platform.system.alert and ignores anything malformed', () => {
    expect(toSystemToast({ type: 'toast', toast: { title: 'T', message: 'M', type: 'warning', duration: 10 } })).toEqual({
      source: 'system',
      title: 'T',
      message: 'M',
      type: 'warning',
      duration: 10,
    });
    expect(toSystemToast({ type: 'toast', toast: { title: 'T', type: 'loud' } })).toBeNull();
    expect(toSystemToast('nope')).toBeNull();
  });
});

describe('reconcileTasks', () => {
  const a: TaskSnapshot = { id: 'a', name: 'A', status: 'completed', progress: 100, output: { files: ['x'] } };
  const b: TaskSnapshot = { id: 'b', name: 'B', status: 'running', progress: 40 };
  const copy = (task: TaskSnapshot): TaskSnapshot => JSON.parse(JSON.stringify(task)) as TaskSnapshot;

  it('returns the previous list when every task is equal in content', () => {
    const previous = [a, b];
    expect(reconcileTasks(previous, [copy(a), copy(b)])).toBe(previous);
  });

  it('replaces only the tasks that changed, and keeps the others', () => {
    const next = reconcileTasks([a, b], [copy(a), { ...b, progress: 60 }]);
    expect(next[0]).toBe(a);
    expect(next[1]).toEqual({ ...b, progress: 60 });
    expect(next[1]).not.toBe(b);
  });

  it('follows tasks by id when they are added or reordered', () => {
    const c: TaskSnapshot = { id: 'c', name: 'C', status: 'pending', progress: 0 };
    const next = reconcileTasks([a, b], [copy(b), copy(a), c]);
    expect(next).toHaveLength(3);
    expect(next[0]).toBe(b);
    expect(next[1]).toBe(a);
    expect(next[2]).toBe(c);
  });

  it('sees a change in output or error', () => {
    expect(reconcileTasks([a], [{ ...a, output: { files: ['y'] } }])[0]).not.toBe(a);
    expect(reconcileTasks([b], [{ ...b, error: { message: 'boom' } }])[0]).not.toBe(b);
  });

  it('gives one shared empty list when there are no tasks', () => {
    expect(reconcileTasks([a], null)).toBe(NO_TASKS);
    expect(reconcileTasks(NO_TASKS, [])).toBe(NO_TASKS);
    expect(Object.isFrozen(NO_TASKS)).toBe(true);
  });

  it("reads the snapshot's task counts, counts tasks that came without them, and has none without tasks", () => {
    expect(taskCountsOf(snapshot({ tasks: [a, b], completedTasks: 1, totalTasks: 2 }))).toMatchObject({ completed: 1, total: 2 });
    expect(taskCountsOf(snapshot({ tasks: [a, b, { ...b, id: 'f', status: 'completed' }] }))).toMatchObject({ completed: 2, total: 3 });
    expect(taskCountsOf(snapshot({ tasks: null }))).toBeNull();
    expect(taskCountsOf(null)).toBeNull();
  });
});
