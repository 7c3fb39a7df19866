import type { RateLimitOptions } from '../live-progress.options.js';

interface Bucket {
  tokens: number;
  refilledAt: number;
}

/**
 * Token buckets by key: `points` requests may come at once, refilled evenly over
 * `durationMs`. Full buckets are forgotten, so idle keys cost no memory.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly perMs: number;

  constructor(
    private readonly options: RateLimitOptions,
    private readonly now: () => number = Date.now,
    /** Told of each refusal (the metrics count them). */
    private readonly refused: () => void = () => {},
  ) {
    this.perMs = options.points / options.durationMs;
  }

  /** Whether the key's bucket holds a token now, without taking it. */
  peek(key: string): boolean {
    const bucket = this.buckets.get(key);
    return !bucket || bucket.tokens + (this.now() - bucket.refilledAt) * this.perMs >= 1;
  }

  /** Takes one token; false when the key is over its rate. */
  take(key: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.options.points, refilledAt: now };
    bucket.tokens = Math.min(this.options.points, bucket.tokens + (now - bucket.refilledAt) * this.perMs);
    bucket.refilledAt = now;
    if (bucket.tokens < 1) {
      this.buckets.set(key, bucket);
      this.refused();
      return false;
    }
    bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    if (this.buckets.size > 10_000) this.forgetFull(now);
    return true;
  }

  forget(key: string): void {
    this.buckets.delete(key);
  }

  private forgetFull(now: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (now - bucket.refilledAt) * this.perMs >= this.options.points) this.buckets.delete(key);
    }
  }
}
