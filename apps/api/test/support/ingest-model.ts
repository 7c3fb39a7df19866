// What an operation reported over HTTP ingest should look like once stored, computed by a
// sequential fold written for the tests alone (no server code): the rules are the ones
// docs/scaling.md ("HTTP ingest, for any language") and docs/nest.md state for the events.
import { isDeepStrictEqual } from 'node:util';
import type { ingestEventSchema } from '@liveprogress/protocol/schemas';
import type { z } from 'zod';

/** One event as a producer posts it to `POST /api/v1/operations/:id/events`. */
export type IngestEvent = z.input<typeof ingestEventSchema>;

export const isTerminalIngest = (event: IngestEvent) => event.type === 'complete' || event.type === 'fail';

export interface ExpectedTask {
  id: string;
  name: string;
  status: 'running' | 'completed' | 'failed';
  progress: number;
}

/**
 * How far the model can tell the operation's progress. Until work gives progress itself,
 * its tasks drive the bar (weighted roll-up); the model does not recompute that roll-up,
 * so: `exact` when no task moved the bar before the first explicit progress, `atLeast`
 * when one may have, `unknown` when only tasks did.
 */
export type ExpectedProgress = { exact: number } | { atLeast: number } | { unknown: true };

export interface ExpectedOperation {
  operationType: string;
  name: string | null;
  status: 'running' | 'completed' | 'failed';
  stage: string | null;
  message: string | null;
  details: Record<string, unknown> | null;
  /** In order of first appearance; null when no task was ever reported. */
  tasks: ExpectedTask[] | null;
  result: unknown;
  error: { message: string; code: string | null } | null;
  progress: ExpectedProgress;
}

/** The stored snapshot fields the comparison reads (`GET /api/v1/operations/:id`). */
export interface StoredOperation {
  operationType: string;
  name: string | null;
  status: string;
  stage: string | null;
  message: string | null;
  details: Record<string, unknown> | null;
  tasks: Array<{ id: string; name: string; status: string; progress: number }> | null;
  result: unknown;
  error: { message: string; code?: string } | null;
  progress: number;
  seq: number;
}

/** Folds the events a producer got `202` for, in order, into the operation they describe. */
export function foldAccepted(accepted: readonly IngestEvent[]): ExpectedOperation {
  const [start, ...rest] = accepted;
  if (start?.type !== 'start') throw new Error('the first accepted event of an operation must be its start');
  const expected: ExpectedOperation = {
    operationType: start.operationType,
    name: start.name ?? null,
    status: 'running',
    stage: null,
    message: null,
    details: start.details ? { ...start.details } : null,
    tasks: null,
    result: null,
    error: null,
    progress: { exact: 0 },
  };
  const tasks = new Map<string, ExpectedTask>();
  let explicit: number | null = null;
  let tasksMovedFirst = false;
  for (const event of rest) {
    if (expected.status !== 'running') throw new Error(`an event was accepted after the operation ended: ${JSON.stringify(event)}`);
    switch (event.type) {
      case 'update':
        // Progress never goes back; stage and message are the last given; details merge shallowly.
        if (event.progress !== undefined) explicit = Math.max(explicit ?? 0, event.progress);
        if (event.stage !== undefined) expected.stage = event.stage;
        if (event.message !== undefined) expected.message = event.message;
        if (event.details !== undefined) expected.details = { ...(expected.details ?? {}), ...event.details };
        break;
      case 'task': {
        if (explicit === null) tasksMovedFirst = true;
        const task = tasks.get(event.taskId) ?? { id: event.taskId, name: event.name ?? event.taskId, status: 'running', progress: 0 };
        tasks.set(event.taskId, task);
        // A finished task stays as it ended.
        if (task.status !== 'running') break;
        if (event.progress !== undefined) task.progress = Math.max(task.progress, event.progress);
        task.status = event.status;
        if (event.status === 'completed') task.progress = 100;
        break;
      }
      case 'complete':
        expected.status = 'completed';
        expected.result = event.result ?? null;
        if (event.message !== undefined) expected.message = event.message;
        break;
      case 'fail':
        expected.status = 'failed';
        expected.error = { message: event.error.message, code: event.error.code ?? null };
        break;
      case 'heartbeat':
        break;
      case 'start':
        throw new Error('a second start was accepted');
    }
  }
  expected.tasks = tasks.size > 0 ? [...tasks.values()].map((t) => ({ ...t })) : null;
  if (expected.status === 'completed') expected.progress = { exact: 100 };
  else if (tasks.size === 0 || (explicit !== null && !tasksMovedFirst)) expected.progress = { exact: explicit ?? 0 };
  else if (explicit !== null) expected.progress = { atLeast: explicit };
  else expected.progress = { unknown: true };
  return expected;
}

/** Every field where the stored snapshot differs from the model, as readable lines; empty when they agree. */
export function differences(expected: ExpectedOperation, stored: StoredOperation): string[] {
  const out: string[] = [];
  const same = (field: string, want: unknown, got: unknown) => {
    if (!isDeepStrictEqual(want, got)) out.push(`${field}: expected ${JSON.stringify(want)}, stored ${JSON.stringify(got)}`);
  };
  same('operationType', expected.operationType, stored.operationType);
  same('name', expected.name, stored.name);
  same('status', expected.status, stored.status);
  same('stage', expected.stage, stored.stage);
  same('message', expected.message, stored.message);
  same('details', expected.details, stored.details);
  same('tasks', expected.tasks, stored.tasks?.map((t) => ({ id: t.id, name: t.name, status: t.status, progress: t.progress })) ?? null);
  same('result', expected.result, stored.result ?? null);
  same('error', expected.error, stored.error ? { message: stored.error.message, code: stored.error.code ?? null } : null);
  const p = expected.progress;
  if ('exact' in p) same('progress', p.exact, stored.progress);
  else if ('atLeast' in p && !(stored.progress >= p.atLeast && stored.progress <= 100)) {
    out.push(`progress: expected at least ${p.atLeast} (tasks moved the bar first), stored ${stored.progress}`);
  }
  return out;
}
