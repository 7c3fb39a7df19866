import { Inject, Injectable } from '@nestjs/common';
import { type OperationStore, withDeadline } from '@liveprogress/core';
import { OPERATION_STORE } from '../live-progress.tokens.js';

/**
 * A `@nestjs/terminus` HealthIndicatorResult, written out here so that this file loads
 * without terminus installed (it is an optional peer): terminus answers 503 for any
 * indicator whose status is `down`, thrown or not.
 */
export type StoreHealthResult<Key extends string = string> = Record<Key, { status: 'up' | 'down'; [detail: string]: unknown }>;

export interface StoreHealthCheckOptions {
  /** Longest wait for the store's answer; default 1000 ms. */
  timeoutMs?: number;
  /** An answer slower than this is `down` too; default 500 ms. */
  maxLatencyMs?: number;
}

/**
 * The store's health for a terminus health check (docs/operations.md, Health): the in-memory
 * store is up with its operation count; Redis is asked PING and is down when it does not
 * answer, or answers slower than `maxLatencyMs`.
 *
 * ```ts
 * @Get('health') @HealthCheck()
 * check() { return this.health.check([() => this.store.isHealthy('store')]); }
 * ```
 */
@Injectable()
export class LiveProgressHealthIndicator {
  constructor(@Inject(OPERATION_STORE) private readonly store: OperationStore) {}

  async isHealthy<Key extends string>(key: Key, options: StoreHealthCheckOptions = {}): Promise<StoreHealthResult<Key>> {
    const { timeoutMs = 1000, maxLatencyMs = 500 } = options;
    const result = (status: 'up' | 'down', details: Record<string, unknown>) => ({ [key]: { status, ...details } }) as StoreHealthResult<Key>;
    if (!this.store.probe) return result('up', { kind: 'custom', message: 'this store offers no probe; it is assumed up' });
    const started = performance.now();
    try {
      const probe = await withDeadline(this.store.probe(), timeoutMs, 'probe');
      const latencyMs = Math.round((performance.now() - started) * 100) / 100;
      if (latencyMs > maxLatencyMs) return result('down', { ...probe, latencyMs, message: `the store answered in ${latencyMs} ms (bound ${maxLatencyMs} ms)` });
      return result('up', { ...probe, latencyMs });
    } catch (err) {
      return result('down', { message: err instanceof Error ? err.message : String(err) });
    }
  }
}
