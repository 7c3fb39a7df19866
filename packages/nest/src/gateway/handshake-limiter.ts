import type { AttemptLimiter, Logger, OperationStore, TokenBucketLimit } from '@liveprogress/core';
import { inProcessAttemptLimiter } from './in-process-attempt-limiter.js';
import { StoreLimitCheck } from './store-limit-check.js';

export interface HandshakeLimits {
  perUser: TokenBucketLimit;
  perAddress: TokenBucketLimit;
}

/**
 * Connection attempts per client address and per user (docs/nest.md, Handshake limits). The
 * buckets live in the store when it offers them (Redis: one bucket for the whole cluster),
 * in this process otherwise. A user's bucket is looked at before the token is verified and
 * spent only once it is, so a forged token naming someone else cannot drain their bucket.
 */
export class HandshakeLimiter {
  private readonly perAddress: AttemptLimiter;
  private readonly perUser: AttemptLimiter;
  /** During a store outage every handshake would fail its check: one line for the outage, not one per handshake. */
  private readonly checks: StoreLimitCheck;

  constructor(
    store: OperationStore,
    limits: HandshakeLimits,
    logger: Logger,
    /** Told of each refused attempt (the metrics count them). */
    refused: () => void = () => {},
  ) {
    this.checks = new StoreLimitCheck(logger, 'checking handshake limits in the store', 'Handshakes are let through unlimited meanwhile', refused);
    this.perAddress = store.attemptLimiter?.('hs-address', limits.perAddress) ?? inProcessAttemptLimiter(limits.perAddress);
    this.perUser = store.attemptLimiter?.('hs-user', limits.perUser) ?? inProcessAttemptLimiter(limits.perUser);
  }

  /** Spends one of the address's attempts; false when it has none left. */
  admitAddress(address: string): Promise<boolean> {
    return this.check(() => this.perAddress.take(address));
  }

  /** Whether the user has an attempt left, without spending it (before the token is verified). */
  userMayTry(userKey: string): Promise<boolean> {
    return this.check(() => this.perUser.peek(userKey));
  }

  /** Spends one of a verified user's attempts; false when concurrent attempts emptied the bucket meanwhile. */
  chargeUser(userKey: string): Promise<boolean> {
    return this.check(() => this.perUser.take(userKey));
  }

  private check(call: () => Promise<boolean>): Promise<boolean> {
    return this.checks.run(call);
  }
}

/** A user's bucket key: the same user id in two tenants is two users. */
export function userBucketKey(tenantId: string, userId: string): string {
  return `${encodeURIComponent(tenantId)}:${encodeURIComponent(userId)}`;
}
