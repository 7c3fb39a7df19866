import type { EventInput, JsonObject, OperationSnapshot, StageDefinition, TaskSnapshot } from '@liveprogress/protocol';

/** A small seeded PRNG (mulberry32), so a failing sequence can be replayed from its seed. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const STAGES: StageDefinition[] = [
  { id: 'validation', name: 'Validation', order: 1 },
  { id: 'processing', name: 'Processing', order: 2 },
  { id: 'storing', name: 'Storing', order: 3 },
];

/**
 * A random valid history of one operation, as producers write it: progress events with
 * any mix of stage, step, message, details and tasks (their counts present or left to
 * be counted), then, most of the time, one terminal event of any kind.
 */
export function randomHistory(next: () => number, snapshot: OperationSnapshot): EventInput[] {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;
  const chance = (p: number) => next() < p;
  const base = { operationId: snapshot.operationId, operationType: snapshot.operationType };
  let progress = 0;
  let timestamp = snapshot.createdAt;
  let tasks: TaskSnapshot[] | undefined;
  const events: EventInput[] = [];
  const taskList = (): TaskSnapshot[] =>
    Array.from({ length: 1 + Math.floor(next() * 4) }, (_, i) => ({
      id: `t${i}`,
      name: `task ${i}`,
      status: pick(['pending', 'running', 'completed', 'failed'] as const),
      progress: Math.round(next() * 100),
      weight: 1 + Math.floor(next() * 3),
      startedAt: chance(0.5) ? timestamp : null,
      finishedAt: null,
      ...(chance(0.3) ? { message: `m${Math.floor(next() * 10)}` } : {}),
      ...(chance(0.2) ? { output: { rows: Math.floor(next() * 100) } } : {}),
    }));
  const withTasks = <E extends EventInput>(event: E): E => {
    if (chance(0.4)) tasks = taskList();
    if (tasks && chance(0.8)) {
      event.tasks = tasks;
      if (chance(0.5)) {
        event.completedTasks = tasks.filter((t) => t.status === 'completed').length;
        event.totalTasks = tasks.length;
      }
    }
    return event;
  };
  for (let i = Math.floor(next() * 20); i >= 0; i--) {
    progress = Math.min(100, progress + next() * 15);
    timestamp += 1 + Math.floor(next() * 200);
    const stageIndex = Math.floor(next() * (STAGES.length + 1));
    const stage = stageIndex < STAGES.length ? (STAGES[stageIndex] as StageDefinition) : null;
    const details: JsonObject | null = chance(0.5) ? { processed: Math.floor(next() * 1000), note: pick(['a', 'b', 'c']) } : null;
    events.push(
      withTasks({
        event: 'progress.updated',
        ...base,
        status: 'running',
        stage: stage?.id ?? null,
        progress,
        message: chance(0.7) ? `step ${i}` : null,
        details,
        timestamp,
        estimatedCompletion: chance(0.5) ? timestamp + 1000 : null,
        ...(stage && chance(0.8) ? { step: stage.order, totalSteps: STAGES.length } : {}),
      }),
    );
  }
  timestamp += 1 + Math.floor(next() * 200);
  const end = Math.floor(next() * 4);
  if (end === 0) {
    events.push(
      withTasks({
        event: 'progress.completed',
        ...base,
        status: 'completed',
        progress: 100,
        timestamp,
        ...(chance(0.6) ? { result: pick([{ imported: 3 }, 'done', 0, null, [1, 2]]) } : {}),
        ...(chance(0.5) ? { message: 'All done' } : {}),
        ...(chance(0.3) ? { failedTasks: ['t1'] } : {}),
      }),
    );
  } else if (end === 1 || end === 2) {
    const cancelled = end === 2;
    events.push(
      withTasks({
        event: 'progress.failed',
        ...base,
        status: cancelled ? 'cancelled' : 'failed',
        progress,
        error: cancelled ? { message: 'The operation was cancelled', code: 'CANCELLED' } : { message: 'It broke', code: 'E_BROKEN', details: { at: progress } },
        timestamp,
      }),
    );
  }
  return events;
}

export { STAGES as RANDOM_HISTORY_STAGES };
