import type { StoredEvent, TaskSnapshot } from '@liveprogress/protocol';

/**
 * Random but valid progress histories, for property tests of the one reducer: the
 * client's fold and the server's stores must agree on every one of them. Seeded,
 * so a failing case repeats.
 */
export type Random = () => number;

/** mulberry32: a small seeded generator, so every run checks the same cases. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const randomInt = (random: Random, min: number, max: number) => min + Math.floor(random() * (max - min + 1));
export const chance = (random: Random, p: number) => random() < p;
const int = randomInt;
const STAGES = ['read', 'parse', 'store'];
const TASK_STATUSES = ['pending', 'running', 'completed', 'failed'] as const;

function tasksOf(random: Random): TaskSnapshot[] {
  return Array.from({ length: int(random, 1, 3) }, (_, i) => {
    const status = TASK_STATUSES[int(random, 0, 3)]!;
    return { id: `t${i}`, name: `task ${i}`, status, progress: status === 'completed' ? 100 : int(random, 0, 99) };
  });
}

/**
 * A valid history of one operation, numbered from seq 1: 1–10 updates with rising
 * progress and stages (with or without step, tasks, task counts), then a completion,
 * a failure, a cancellation, or nothing (still running); terminal events carry tasks
 * or not.
 */
export function randomHistory(random: Random, operationId = 'op-1', operationType = 'generic'): StoredEvent[] {
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
      operationId,
      operationType,
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
        operationId,
        operationType,
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
        operationId,
        operationType,
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
