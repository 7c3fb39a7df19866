/** A token bucket's size and refill: `points` attempts may come at once, refilled evenly over `durationMs`. */
export interface TokenBucketLimit {
  points: number;
  durationMs: number;
}

/**
 * Token buckets by key, for counting attempts (socket handshakes) against a limit. A store
 * that several processes share offers one kept beside its operations, so that the limit
 * holds for the whole cluster rather than per node (OperationStore.attemptLimiter).
 */
export interface AttemptLimiter {
  /** Whether the key's bucket holds a token now, without taking it. */
  peek(key: string): Promise<boolean>;
  /** Takes one token from the key's bucket; false when it is empty. */
  take(key: string): Promise<boolean>;
}
