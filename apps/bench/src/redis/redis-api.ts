import type { RedisCounters } from './redis-info.js';

/** The Redis child: a redis-server on 127.0.0.1 that dies with it. */
export type RedisApi = {
  start(params: Record<string, never>): Promise<{ url: string }>;
  /** CPU used by redis-server since start, in milliseconds. */
  cpu(params: Record<string, never>): Promise<{ cpuMs: number }>;
  /** Commands and network bytes since start (INFO), the bench's own INFO readings left out. */
  counters(params: Record<string, never>): Promise<RedisCounters>;
  close(params: Record<string, never>): Promise<void>;
};
