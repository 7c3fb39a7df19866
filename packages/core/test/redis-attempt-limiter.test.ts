import { sleep } from '@liveprogress/test-support';
import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { RedisOperationStore } from '../src/redis/redis-operation.store.js';
import { useRedis } from './support/use-redis.js';

const redis = useRedis();

function store(keyPrefix: string, client: Redis = redis.client): RedisOperationStore {
  return new RedisOperationStore({ redis: client, keyPrefix, maxEvents: 100, terminalRetentionMs: 60_000 });
}

describe("the Redis store's attempt limiter", () => {
  it('takes tokens until the bucket is empty, and peeking never spends one', async () => {
    const limiter = store('a:').attemptLimiter('hs-user', { points: 3, durationMs: 60_000 });
    for (let i = 0; i < 5; i += 1) expect(await limiter.peek('alice')).toBe(true);
    expect([await limiter.take('alice'), await limiter.take('alice'), await limiter.take('alice'), await limiter.take('alice')]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    expect(await limiter.peek('alice')).toBe(false);
    expect(await limiter.take('bob')).toBe(true);
  });

  it('shares one bucket between two clients of the same store keys, and none between limiter names or prefixes', async () => {
    const other = new Redis(redis.server.url);
    try {
      const one = store('b:').attemptLimiter('hs-user', { points: 2, durationMs: 60_000 });
      const two = store('b:', other).attemptLimiter('hs-user', { points: 2, durationMs: 60_000 });
      expect(await one.take('carol')).toBe(true);
      expect(await two.take('carol')).toBe(true);
      expect(await one.take('carol')).toBe(false);
      expect(await two.take('carol')).toBe(false);
      expect(await store('b:').attemptLimiter('hs-address', { points: 2, durationMs: 60_000 }).take('carol')).toBe(true);
      expect(await store('c:').attemptLimiter('hs-user', { points: 2, durationMs: 60_000 }).take('carol')).toBe(true);
    } finally {
      other.disconnect();
    }
  });

  it('refills evenly over the window', async () => {
    const limiter = store('d:').attemptLimiter('hs-user', { points: 2, durationMs: 2000 });
    expect(await limiter.take('dave')).toBe(true);
    expect(await limiter.take('dave')).toBe(true);
    expect(await limiter.take('dave')).toBe(false);
    // One token a second: after 1.1 s there is one, and not yet a second.
    await sleep(1100);
    expect(await limiter.take('dave')).toBe(true);
    expect(await limiter.take('dave')).toBe(false);
  });

  it('forgets a bucket once it would be full again', async () => {
    const limiter = store('e:').attemptLimiter('hs-user', { points: 1, durationMs: 200 });
    expect(await limiter.take('erin')).toBe(true);
    const key = 'e:limit:hs-user:erin';
    expect(await redis.client.pttl(key)).toBeGreaterThan(0);
    expect(await redis.client.pttl(key)).toBeLessThanOrEqual(200);
    await sleep(300);
    expect(await redis.client.exists(key)).toBe(0);
  });
});
