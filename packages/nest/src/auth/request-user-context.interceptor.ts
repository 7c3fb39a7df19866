import { type CallHandler, type ExecutionContext, Inject, Injectable, type NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { ResolvedOptions } from '../live-progress.options.js';
import { RESOLVED_OPTIONS } from '../live-progress.tokens.js';
import { type RequestWithUser, requestUser } from './http-user.js';
import { RequestUserContext } from './request-user.context.js';
import { type RequestUserResolution, type ResolveUser, authUser, userFromRequest } from './request-user.resolver.js';

/**
 * Runs every HTTP handler, and the work it starts, inside its request user's async context.
 * The module provides it as APP_INTERCEPTOR, so it runs on every route of the app after the
 * app's own guards: a controller needs no LiveProgress decorator for WebSocketService to know
 * who asked (docs/nest.md, Authentication).
 */
@Injectable()
export class RequestUserContextInterceptor implements NestInterceptor {
  constructor(
    private readonly context: RequestUserContext,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
  ) {}

  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'http') return next.handle();
    const req = execution.switchToHttp().getRequest<RequestWithUser>();
    const { resolveUser, auth } = this.options;
    const verified = requestUser(req);
    if (verified || !resolveUser) {
      const resolution: RequestUserResolution = verified ? { user: verified } : userFromRequest(req, auth.tenantClaim);
      return new Observable((subscriber) => this.context.run(resolution, () => next.handle().subscribe(subscriber)));
    }
    // The app's own resolver may be async (a session lookup): the handler runs once it answered.
    return new Observable((subscriber) => {
      let inner: { unsubscribe(): void } | undefined;
      let closed = false;
      Promise.resolve()
        .then(() => (resolveUser as (request: unknown) => ReturnType<ResolveUser>)(req))
        .then(
          (resolved) => {
            const resolution: RequestUserResolution = resolved
              ? { user: authUser(resolved) }
              : { missing: 'the `resolveUser` option returned no user for the request' };
            if (!closed) inner = this.context.run(resolution, () => next.handle().subscribe(subscriber));
          },
          (err: unknown) => subscriber.error(err),
        );
      return () => {
        closed = true;
        inner?.unsubscribe();
      };
    });
  }
}
