import type { Redis } from 'ioredis';
import type { ProducerLeases } from '../store/producer-leases.js';
import type { RedisKeys } from './redis-keys.js';

/**
 * Producer liveness: each running operation has a lease in a sorted set, renewed by the
 * process doing its work (on every write and by a heartbeat). A lease that runs out means
 * that process died; any node may then end the operation, and the store's terminal guard
 * lets exactly one of them do it.
 */
export class RedisLeases implements ProducerLeases {
  private readonly renewedAt = new Map<string, number>();
  private heartbeat: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly keys: RedisKeys,
    private readonly leaseMs: number,
  ) {}

  hold(operationId: string): void {
    const now = Date.now();
    // Renewing on every write would cost a round trip per event; a third of the lease is plenty.
    if (now - (this.renewedAt.get(operationId) ?? 0) < this.leaseMs / 3) return;
    this.renewedAt.set(operationId, now);
    void this.redis.zadd(this.keys.leases(), now + this.leaseMs, operationId).catch(() => undefined);
  }

  release(operationId: string): void {
    this.renewedAt.delete(operationId);
    void this.redis.zrem(this.keys.leases(), operationId).catch(() => undefined);
  }

  /** Renews the leases of `running()` every third of the lease, until stopped. */
  startHeartbeat(running: () => string[]): void {
    this.heartbeat = setInterval(() => {
      const ids = running();
      if (ids.length === 0) return;
      const until = Date.now() + this.leaseMs;
      const args = ids.flatMap((id) => [until, id]);
      for (const id of ids) this.renewedAt.set(id, Date.now());
      void this.redis.zadd(this.keys.leases(), ...args).catch(() => undefined);
    }, this.leaseMs / 3);
    this.heartbeat.unref();
  }

  stopHeartbeat(): void {
    clearInterval(this.heartbeat);
  }

  /** Operations whose lease ran out. */
  expired(now: number, max = 100): Promise<string[]> {
    return this.redis.zrangebyscore(this.keys.leases(), '-inf', now, 'LIMIT', 0, max);
  }

  forget(operationId: string): Promise<number> {
    return this.redis.zrem(this.keys.leases(), operationId);
  }
}
