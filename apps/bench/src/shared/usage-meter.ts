import { readFileSync } from 'node:fs';
import { nowMs } from './clock.js';

/** CPU and memory of this process since `mark()`. */
export interface UsageReport {
  cpuMs: number;
  wallMs: number;
  /** CPU time over wall time, in percent of one core (may pass 100 with GC threads). */
  cpuPercent: number;
  rss: number;
  heapUsed: number;
  external: number;
  /** Peak RSS over the process's life, in bytes. */
  maxRss: number;
  /** Times the main thread went to sleep waiting (for I/O, a timer) and had to be woken. */
  wakeups: number;
}

/**
 * The main thread's voluntary context switches: each is a sleep that a write to one of its
 * sockets (or a timer) ended. Linux's per-thread count; elsewhere the process's, which adds
 * its helper threads'.
 */
function voluntarySwitches(): number {
  try {
    const match = /^voluntary_ctxt_switches:\s+(\d+)$/m.exec(readFileSync('/proc/self/status', 'utf8'));
    if (match) return Number(match[1]);
  } catch {
    // Not Linux: below.
  }
  return process.resourceUsage().voluntaryContextSwitches;
}

export class UsageMeter {
  private cpu = process.cpuUsage();
  private at = nowMs();
  private switches = voluntarySwitches();

  mark(): void {
    this.cpu = process.cpuUsage();
    this.at = nowMs();
    this.switches = voluntarySwitches();
  }

  read(): UsageReport {
    const cpu = process.cpuUsage(this.cpu);
    const wallMs = nowMs() - this.at;
    const cpuMs = (cpu.user + cpu.system) / 1000;
    const mem = process.memoryUsage();
    return {
      cpuMs,
      wallMs,
      cpuPercent: wallMs > 0 ? (100 * cpuMs) / wallMs : 0,
      rss: mem.rss,
      heapUsed: mem.heapUsed,
      external: mem.external,
      maxRss: process.resourceUsage().maxRSS * 1024,
      wakeups: voluntarySwitches() - this.switches,
    };
  }
}

/** Full collections, when the process runs with --expose-gc; a no-op otherwise. */
export function collectGarbage(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) return false;
  gc();
  gc();
  return true;
}
