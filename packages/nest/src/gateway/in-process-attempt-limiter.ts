import type { AttemptLimiter, TokenBucketLimit } from '@liveprogress/core';
import { RateLimiter } from './rate-limiter.js';

/** Token buckets in this process behind the store's AttemptLimiter shape, for stores that keep none (memory mode). */
export function inProcessAttemptLimiter(limit: TokenBucketLimit): AttemptLimiter {
  const buckets = new RateLimiter(limit);
  return {
    peek: async (key) => buckets.peek(key),
    take: async (key) => buckets.take(key),
  };
}
