import { nowMs, sleep } from '../shared/clock.js';
import type { BenchTarget, PublishPlan, PublishReport } from './server-api.js';

/**
 * Updates every operation `ratePerOp` times a second on a fixed grid of ticks. With
 * more than one tick per update period the operations are spread across ticks
 * (operation i on ticks where tick % groups == i % groups), so the load is even, as
 * independent producers would make it, rather than one synchronous burst per period.
 * A tick a little late still runs (each operation keeps one update per period); one
 * more than a whole period late is skipped rather than made up in a burst.
 */
export async function publishPaced(target: BenchTarget, operations: number, plan: PublishPlan): Promise<PublishReport> {
  const periodMs = 1000 / plan.ratePerOp;
  const tickMs = Math.min(plan.tickMs, periodMs);
  const groups = Math.max(1, Math.round(periodMs / tickMs));
  const ticks = Math.floor(plan.durationMs / tickMs);
  const counters = new Array<number>(operations).fill(0);
  const startedAt = nowMs();
  let updates = 0;
  let skippedUpdates = 0;
  for (let tick = 0; tick < ticks; tick++) {
    const due = startedAt + tick * tickMs;
    const now = nowMs();
    if (now < due) await sleep(due - now);
    else if (now - due > periodMs) {
      skippedUpdates += Math.ceil((operations - (tick % groups)) / groups);
      continue;
    }
    for (let i = tick % groups; i < operations; i += groups) {
      const n = (counters[i] = counters[i]! + 1);
      target.update(i, n, nowMs());
      updates++;
    }
  }
  return { updates, startedAt, endedAt: nowMs(), skippedUpdates };
}
