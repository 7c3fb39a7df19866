import type { UsageReport } from '../shared/usage-meter.js';

/** What every server child answers over IPC; the orchestrator's view of a server. */
export type ServerApi = {
  /** Port on 127.0.0.1. */
  listen(params: Record<string, never>): Promise<{ port: number }>;
  /** Operations owned by these users; the ids come back in the same order. */
  createOperations(params: { owners: string[]; visibility: 'owner' | 'tenant' }): Promise<{ ids: string[] }>;
  /** Paced updates: every operation `ratePerOp` times a second for `durationMs`. */
  publish(params: PublishPlan): Promise<PublishReport>;
  /** One producer updating operation 0 as fast as it can for `durationMs`. */
  hammer(params: HammerPlan): Promise<HammerReport>;
  /** Events sent to clients so far, all operations together (LiveProgress: stored events). */
  eventsSent(params: Record<string, never>): Promise<{ events: number }>;
  /** Collects garbage (the child runs with --expose-gc) and restarts the CPU meter. */
  mark(params: { gc: boolean }): Promise<UsageReport>;
  usage(params: { gc: boolean }): Promise<UsageReport>;
  close(params: Record<string, never>): Promise<void>;
};

export interface PublishPlan {
  ratePerOp: number;
  durationMs: number;
  /** The scheduler's tick (at most the update period); operations are spread over the ticks of a period. */
  tickMs: number;
}

export interface PublishReport {
  updates: number;
  startedAt: number;
  endedAt: number;
  /** Updates not made because their tick came more than an update period late (not made up in a burst). */
  skippedUpdates: number;
}

export interface HammerPlan {
  durationMs: number;
  /** Run this long, then yield to the event loop (so timers, I/O and the coalescer run). */
  sliceMs: number;
  /** Baselines stop emitting while a client's unsent output passes this (their only bound). */
  maxBacklogBytes: number;
}

export interface HammerReport {
  calls: number;
  /** Time spent inside the calling loop, i.e. on the one core that ran it. */
  busyMs: number;
  wallMs: number;
  cpuMs: number;
  /** Slices skipped because a client's backlog was over the bound. */
  stalls: number;
}

/** One server implementation inside its child process. */
export interface BenchTarget {
  listen(): Promise<number>;
  createOperations(owners: string[], visibility: 'owner' | 'tenant'): Promise<string[]>;
  /** The n-th update of operation `index`, timestamped `sentAt`; must stay synchronous. */
  update(index: number, n: number, sentAt: number): void;
  eventsSent(): Promise<number>;
  /** The largest unsent output of any connected client, in bytes (0 where the target bounds itself). */
  backlogBytes(): number;
  close(): Promise<void>;
}

/** How each server is configured, passed on the child's command line. */
export interface ServerConfig {
  secret: string;
  /** LiveProgress only. */
  coalesceIntervalMs: number;
  /** LiveProgress only: retention.maxEvents; the module's default when absent. */
  maxEvents?: number;
  /**
   * Cluster mode (LiveProgress and Socket.IO): LiveProgress gets `redis` (Redis store and
   * the streams adapter), bare Socket.IO the same streams adapter with the same options.
   */
  redis?: { url: string; keyPrefix: string };
}
