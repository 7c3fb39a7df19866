/** Reconnect delays: exponential with jitter, so a fleet of clients does not reconnect in lockstep. */
export interface BackoffOptions {
  initialDelayMs: number;
  maxDelayMs: number;
  multiplier: number;
  /** 0..1: each delay is drawn uniformly from [d·(1−jitter), d], so the cap is never exceeded. */
  jitter: number;
  maxAttempts: number;
}

export const DEFAULT_BACKOFF: Readonly<BackoffOptions> = Object.freeze({
  initialDelayMs: 1000,
  maxDelayMs: 30_000,
  multiplier: 2,
  jitter: 0.5,
  maxAttempts: Number.POSITIVE_INFINITY,
});

/** Delay before retry number `attempt` (0 = the first retry). */
export function computeBackoffDelay(attempt: number, options: Partial<BackoffOptions> = {}, random: () => number = Math.random): number {
  const { initialDelayMs, maxDelayMs, multiplier, jitter } = { ...DEFAULT_BACKOFF, ...options };
  // Math.pow overflows to Infinity for large attempts; min() then caps it, which is what we want.
  const ceiling = Math.min(maxDelayMs, initialDelayMs * multiplier ** Math.max(0, attempt));
  const spread = Math.min(1, Math.max(0, jitter));
  return Math.round(ceiling * (1 - spread * random()));
}
