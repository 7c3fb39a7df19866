import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Metrics } from '@liveprogress/core';
import { LIVE_PROGRESS_METRICS, RESOLVED_OPTIONS } from '../live-progress.tokens.js';
import type { ResolvedOptions } from '../live-progress.options.js';
import { RateLimiter } from '../gateway/rate-limiter.js';
import { LiveProgressHttpException } from '../http/live-progress-http.exception.js';
import { ALLOW_QUERY_TOKEN } from './allow-query-token.decorator.js';
import { AuthRefusal } from './auth-refusal.js';
import { bearerToken } from './bearer-token.js';
import { REQUEST_USER_KEY, type RequestWithUser } from './http-user.js';
import { JwtVerifier } from './jwt-verifier.js';

/**
 * Verifies the bearer JWT of an HTTP request (401 with the contract's code otherwise),
 * rate-limits per user, and leaves the user on the request for the handler and for
 * RequestUserContextInterceptor.
 */
@Injectable()
export class LiveProgressAuthGuard implements CanActivate {
  private readonly limiter: RateLimiter;

  constructor(
    private readonly verifier: JwtVerifier,
    private readonly reflector: Reflector,
    @Inject(RESOLVED_OPTIONS) options: ResolvedOptions,
    @Inject(LIVE_PROGRESS_METRICS) metrics: Metrics,
  ) {
    this.limiter = new RateLimiter(options.rateLimit.http, Date.now, () => metrics.increment('rate_limited_total', { kind: 'http' }));
  }

  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<RequestWithUser>();
    let token = bearerToken(req.headers.authorization);
    if (!token && this.reflector.get<boolean>(ALLOW_QUERY_TOKEN, context.getHandler())) {
      const fromQuery = req.query?.access_token;
      if (typeof fromQuery === 'string') token = fromQuery;
    }
    try {
      const user = this.verifier.verify(token);
      if (!this.limiter.take(`${user.tenantId}\u0000${user.userId}`)) {
        throw new LiveProgressHttpException('RATE_LIMITED', 'Too many requests: slow down and retry shortly');
      }
      req[REQUEST_USER_KEY] = user;
      req.user ??= { id: user.userId, userId: user.userId, tenantId: user.tenantId, roles: user.roles };
      return true;
    } catch (err) {
      if (err instanceof AuthRefusal) throw new LiveProgressHttpException(err.code, err.message);
      throw err;
    }
  }
}
