import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { nowMs } from './clock.js';

interface CpuTimes {
  busy: number;
  total: number;
}

function readCpuTimes(): CpuTimes | null {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0] ?? '';
    const [, user = 0, nice = 0, system = 0, idle = 0, iowait = 0, irq = 0, softirq = 0, steal = 0] = line.split(/\s+/).map(Number);
    // Interrupt time is left out of "busy": on loopback it is mostly the bench's own network traffic.
    const busy = user + nice + system + steal;
    return { busy, total: busy + idle + iowait + irq + softirq };
  } catch {
    return null;
  }
}

/**
 * How busy the whole machine was (user and system time of every process) over a window, from /proc/stat (Linux only). The bench
 * subtracts its own processes' CPU from it to show how much else ran alongside: other
 * people's tests share these two cores, and a figure taken under that noise says so.
 */
export class MachineLoad {
  private readonly start = readCpuTimes();
  private readonly at = nowMs();

  /** Percent of one core the whole machine was busy since construction; null off Linux. */
  busyPercent(): number | null {
    const end = readCpuTimes();
    if (!this.start || !end || end.total === this.start.total) return null;
    return (100 * availableParallelism() * (end.busy - this.start.busy)) / (end.total - this.start.total);
  }

  /** Busy CPU not accounted for by `ownCpuMs` (the bench's processes), in percent of one core. */
  otherPercent(ownCpuMs: number): number | null {
    const busy = this.busyPercent();
    if (busy === null) return null;
    const wallMs = nowMs() - this.at;
    return Math.max(0, busy - (100 * ownCpuMs) / wallMs);
  }
}
