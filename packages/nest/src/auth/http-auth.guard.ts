import { type CanActivate, type ExecutionContext, Inject, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AttemptLimiter, Metrics, OperationStore } from '@liveprogress/core';
import { LIVE_PROGRESS_METRICS, OPERATION_STORE, RESOLVED_OPTIONS } from '../live-progress.tokens.js';
import type { ResolvedOptions } from '../live-progress.options.js';
import { userBucketKey } from '../gateway/handshake-limiter.js';
import { inProcessAttemptLimiter } from '../gateway/in-process-attempt-limiter.js';
import { StoreLimitCheck } from '../gateway/store-limit-check.js';
import { LiveProgressHttpException } from '../http/live-progress-http.exception.js';
import { ALLOW_QUERY_TOKEN } from './allow-query-token.decorator.js';
import { AuthRefusal } from './auth-refusal.js';
import type { AuthUser } from './auth-user.js';
import { bearerToken } from './bearer-token.js';
import { REQUEST_USER_KEY, type RequestWithUser } from './http-user.js';
import { JwtVerifier } from './jwt-verifier.js';

/**
 * Verifies the bearer JWT of an HTTP request (401 with the contract's code otherwise),
 * rate-limits per user (in the store when it keeps buckets, so in Redis mode one bucket per
 * user for the whole cluster: docs/nest.md, Rate limits), and leaves the user on the request for the handler and for
 * RequestUserContextInterceptor.
 */
@Injectable()
export class LiveProgressAuthGuard implements CanActivate {
  private readonly limiter: AttemptLimiter;
  /** During a store outage every request would fail its check: one log line for the outage, not one per request. */
  private readonly checks: StoreLimitCheck;

  constructor(
    private readonly verifier: JwtVerifier,
    private readonly reflector: Reflector,
    @Inject(RESOLVED_OPTIONS) options: ResolvedOptions,
    @Inject(LIVE_PROGRESS_METRICS) metrics: Metrics,
    @Inject(OPERATION_STORE) store: OperationStore,
  ) {
    this.limiter = store.attemptLimiter?.('http-user', options.rateLimit.http) ?? inProcessAttemptLimiter(options.rateLimit.http);
    this.checks = new StoreLimitCheck(
      new Logger('LiveProgressAuthGuard'),
      'checking HTTP rate limits in the store',
      'HTTP requests are let through unlimited meanwhile',
      () => metrics.increment('rate_limited_total', { kind: 'http' }),
    );
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<RequestWithUser>();
    let token = bearerToken(req.headers.authorization);
    if (!token && this.reflector.get<boolean>(ALLOW_QUERY_TOKEN, context.getHandler())) {
      const fromQuery = req.query?.access_token;
      if (typeof fromQuery === 'string') token = fromQuery;
    }
    let user: AuthUser;
    try {
      user = this.verifier.verify(token);
    } catch (err) {
      if (err instanceof AuthRefusal) throw new LiveProgressHttpException(err.code, err.message);
      throw err;
    }
    const key = userBucketKey(user.tenantId, user.userId);
    if (!(await this.checks.run(() => this.limiter.take(key)))) {
      throw new LiveProgressHttpException('RATE_LIMITED', 'Too many requests: slow down and retry shortly');
    }
    req[REQUEST_USER_KEY] = user;
    req.user ??= { id: user.userId, userId: user.userId, tenantId: user.tenantId, roles: user.roles };
    return true;
  }
}
