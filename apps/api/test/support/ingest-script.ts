// The events one random producer posts for its operation: a start, a mix of updates, task
// reports and heartbeats, then a completion, a failure or nothing, and sometimes events
// after its end (which the server must refuse). Seeded, so a failing run repeats.
import { type Random, chance, randomInt } from '@liveprogress/test-support';
import type { IngestEvent } from './ingest-model.js';

const STAGES = ['fetch', 'transform', 'load', 'verify'];
const DETAIL_KEYS = ['rows', 'batch', 'source', 'phase'];
const TASK_IDS = ['extract', 'load', 'index', 'notify'];

const pick = <T>(random: Random, items: readonly T[]): T => items[randomInt(random, 0, items.length - 1)] as T;

function detailsOf(random: Random): Record<string, unknown> {
  const details: Record<string, unknown> = {};
  for (let i = randomInt(random, 1, 2); i > 0; i--) {
    const key = pick(random, DETAIL_KEYS);
    // A nested object too: a shallow merge replaces it whole.
    details[key] = chance(random, 0.3) ? { at: randomInt(random, 0, 999), tag: pick(random, STAGES) } : randomInt(random, 0, 9999);
  }
  return details;
}

/** A producer's whole list of events for one operation, between 10 and about 25 of them. */
export function producerScript(random: Random, owner: { userId: string; tenantId: string }, n: number): IngestEvent[] {
  const events: IngestEvent[] = [
    {
      type: 'start',
      operationType: 'stateless-ingest',
      userId: owner.userId,
      tenantId: owner.tenantId,
      ...(chance(random, 0.5) ? { name: `Producer ${n}` } : {}),
      ...(chance(random, 0.4) ? { details: detailsOf(random) } : {}),
    },
  ];
  let progress = 0;
  // Task progress rises per task; a task once completed or failed is not reported again.
  const tasks = new Map<string, { progress: number; done: boolean }>();
  const middle = randomInt(random, 9, 20);
  for (let i = 0; i < middle; i++) {
    const roll = random();
    if (roll < 0.45) {
      const update: Extract<IngestEvent, { type: 'update' }> = { type: 'update' };
      if (chance(random, 0.7)) update.progress = progress = Math.min(99, progress + randomInt(random, 0, 12));
      if (chance(random, 0.3)) update.stage = pick(random, STAGES);
      if (chance(random, 0.5)) update.message = `step ${i} of producer ${n}`;
      if (chance(random, 0.35)) update.details = detailsOf(random);
      events.push(update);
    } else if (roll < 0.92) {
      const open = TASK_IDS.filter((id) => !tasks.get(id)?.done);
      if (open.length === 0) continue;
      const taskId = pick(random, open);
      const known = tasks.get(taskId);
      const task = known ?? { progress: 0, done: false };
      tasks.set(taskId, task);
      const statusRoll = random();
      const status = statusRoll < 0.6 ? 'running' : statusRoll < 0.85 ? 'completed' : 'failed';
      if (status !== 'running') task.done = true;
      const event: Extract<IngestEvent, { type: 'task' }> = { type: 'task', taskId, status };
      // The name is given when the task first appears, and sometimes repeated.
      if (!known || chance(random, 0.3)) event.name = `Task ${taskId}`;
      if (status !== 'completed' && chance(random, 0.8)) event.progress = task.progress = Math.min(99, task.progress + randomInt(random, 1, 40));
      if (chance(random, 0.3)) event.message = `${taskId} at ${task.progress}`;
      if (status === 'completed' && chance(random, 0.5)) event.output = { rows: randomInt(random, 1, 500) };
      events.push(event);
    } else {
      events.push({ type: 'heartbeat' });
    }
  }
  const ending = random();
  if (ending < 0.45) {
    events.push({
      type: 'complete',
      ...(chance(random, 0.6) ? { result: { rows: randomInt(random, 1, 10_000), producer: n } } : {}),
      ...(chance(random, 0.4) ? { message: `producer ${n} done` } : {}),
    });
  } else if (ending < 0.7) {
    events.push({ type: 'fail', error: { message: `producer ${n} gave up`, ...(chance(random, 0.7) ? { code: 'UPSTREAM_DOWN' } : {}) } });
  } else {
    return events; // left running
  }
  if (chance(random, 0.5)) {
    for (let i = randomInt(random, 1, 3); i > 0; i--) {
      const late: IngestEvent[] = [
        { type: 'update', progress: 100, message: 'too late' },
        { type: 'task', taskId: pick(random, TASK_IDS), name: 'Late task', status: 'running', progress: 5 },
        { type: 'heartbeat' },
        { type: 'complete', result: { late: true } },
        { type: 'fail', error: { message: 'too late', code: 'LATE' } },
      ];
      events.push(pick(random, late));
    }
  }
  return events;
}
