import { type AttemptLimiter, type Logger, type OperationStore, OutageLog, type TokenBucketLimit } from '@liveprogress/core';
import { RateLimiter } from './rate-limiter.js';

export interface HandshakeLimits {
  perUser: TokenBucketLimit;
  perAddress: TokenBucketLimit;
}

/**
 * Past this, a limit check is given up and the handshake let through: a store that does not
 * answer (a Redis stall) must not lock every client out, and the address and user limits
 * only protect the server from floods, which verification still bounds on its own.
 */
const CHECK_DEADLINE_MS = 1000;

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
  private readonly checks: OutageLog;

  constructor(
    store: OperationStore,
    limits: HandshakeLimits,
    logger: Logger,
    /** Told of each refused attempt (the metrics count them). */
    private readonly refused: () => void = () => {},
  ) {
    this.checks = new OutageLog(logger, 'checking handshake limits in the store', 'Handshakes are let through unlimited meanwhile');
    this.perAddress = store.attemptLimiter?.('hs-address', limits.perAddress) ?? inProcess(limits.perAddress);
    this.perUser = store.attemptLimiter?.('hs-user', limits.perUser) ?? inProcess(limits.perUser);
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

  private async check(call: () => Promise<boolean>): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let timedOut = false;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => {
        timedOut = true;
        this.checks.failed(new Error(`no answer within ${CHECK_DEADLINE_MS} ms`));
        resolve(true);
      }, CHECK_DEADLINE_MS);
    });
    try {
      const admitted = await Promise.race([call(), late]);
      if (!timedOut) this.checks.succeeded();
      if (!admitted) this.refused();
      return admitted;
    } catch (err) {
      this.checks.failed(err);
      return true;
    } finally {
      clearTimeout(timer);
    }
  }
}

/** A user's bucket key: the same user id in two tenants is two users. */
export function userBucketKey(tenantId: string, userId: string): string {
  return `${encodeURIComponent(tenantId)}:${encodeURIComponent(userId)}`;
}

function inProcess(limit: TokenBucketLimit): AttemptLimiter {
  const buckets = new RateLimiter(limit);
  return {
    peek: async (key) => buckets.peek(key),
    take: async (key) => buckets.take(key),
  };
}
