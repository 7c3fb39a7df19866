import type { Redis } from 'ioredis';
import type { AttemptLimiter, TokenBucketLimit } from '../store/attempt-limiter.js';
import { TOKEN_BUCKET_SCRIPT } from './redis-scripts.js';

type Scripted = Redis & { lpTokenBucket(key: string, points: number, durationMs: number, take: 0 | 1): Promise<number> };

/**
 * Token buckets in Redis, one hash per key, refilled and spent inside one Lua script on
 * Redis's own clock: every node sharing the store spends from the same bucket, and no two
 * nodes race on it. A bucket idle for `durationMs` is full again, so its key expires then.
 */
export class RedisAttemptLimiter implements AttemptLimiter {
  private readonly redis: Scripted;

  constructor(
    redis: Redis,
    private readonly keyOf: (key: string) => string,
    private readonly limit: TokenBucketLimit,
  ) {
    const scripted = redis as Scripted;
    if (typeof scripted.lpTokenBucket !== 'function') redis.defineCommand('lpTokenBucket', { numberOfKeys: 1, lua: TOKEN_BUCKET_SCRIPT });
    this.redis = scripted;
  }

  async peek(key: string): Promise<boolean> {
    return (await this.redis.lpTokenBucket(this.keyOf(key), this.limit.points, this.limit.durationMs, 0)) === 1;
  }

  async take(key: string): Promise<boolean> {
    return (await this.redis.lpTokenBucket(this.keyOf(key), this.limit.points, this.limit.durationMs, 1)) === 1;
  }
}
