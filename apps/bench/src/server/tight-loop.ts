import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { nowMs, sleep } from '../shared/clock.js';
import type { BenchTarget, HammerPlan, HammerReport } from './server-api.js';

/** Calls between two clock reads; reading the clock on every call would be most of the cost. */
const BATCH = 64;

/**
 * One producer calling update() on operation 0 as fast as it can, in slices that yield
 * to the event loop so timers and sockets still run, as a real producer's awaits would.
 */
export async function hammer(target: BenchTarget, plan: HammerPlan): Promise<HammerReport> {
  const cpu = process.cpuUsage();
  const startedAt = nowMs();
  const end = startedAt + plan.durationMs;
  let calls = 0;
  let busyMs = 0;
  let stalls = 0;
  for (;;) {
    const sliceStart = nowMs();
    if (sliceStart >= end) break;
    if (target.backlogBytes() > plan.maxBacklogBytes) {
      stalls++;
      await sleep(1);
      continue;
    }
    const sliceEnd = Math.min(end, sliceStart + plan.sliceMs);
    let t = sliceStart;
    while (t < sliceEnd) {
      for (let k = 0; k < BATCH; k++) target.update(0, ++calls, t);
      t = nowMs();
    }
    busyMs += t - sliceStart;
    await yieldToLoop();
  }
  const used = process.cpuUsage(cpu);
  return { calls, busyMs, wallMs: nowMs() - startedAt, cpuMs: (used.user + used.system) / 1000, stalls };
}
