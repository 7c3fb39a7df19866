// The module's own Redis connection, opened from options against Debian's redis-server.
import { type RunningRedis, startRedis } from '@liveprogress/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisConnection } from '../src/index.js';

describe('RedisConnection', () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis();
  }, 30_000);
  afterAll(() => redis.stop());

  it('retries at most a quarter of a short lease apart however long Redis is away, so a producer is back well within the lease a sweeper waits for', async () => {
    const connection = await RedisConnection.open({ url: redis.url }, 1000);
    try {
      const { retryStrategy } = connection.client?.options ?? {};
      const delays = [1, 3, 10, 100, 10_000].map((attempt) => retryStrategy?.(attempt));
      expect(delays).toEqual([50, 150, 250, 250, 250]);
      expect(await connection.client?.ping()).toBe('PONG');
    } finally {
      await connection.close();
    }
  });

  it("keeps ioredis's own 2 s ceiling with the default 60 s lease", async () => {
    const connection = await RedisConnection.open({ url: redis.url }, 60_000);
    try {
      expect([1, 10, 1000].map((attempt) => connection.client?.options.retryStrategy?.(attempt))).toEqual([50, 500, 2000]);
    } finally {
      await connection.close();
    }
  });
});
