import { timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { LiveProgressHttpException } from '../http/live-progress-http.exception.js';
import type { ResolvedOptions } from '../live-progress.options.js';
import { RESOLVED_OPTIONS } from '../live-progress.tokens.js';
import { bearerToken } from './bearer-token.js';
import type { RequestWithUser } from './http-user.js';

/** Lets producers with a configured ingest token in; user JWTs are not accepted here. */
@Injectable()
export class IngestTokenGuard implements CanActivate {
  private readonly tokens: Buffer[];

  constructor(@Inject(RESOLVED_OPTIONS) options: ResolvedOptions) {
    this.tokens = options.ingestTokens.map((t) => Buffer.from(t));
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.tokens.length === 0) throw new LiveProgressHttpException('NOT_FOUND', 'Event ingest is off: set `ingestTokens` in LiveProgressModule options');
    const given = bearerToken(context.switchToHttp().getRequest<RequestWithUser>().headers.authorization);
    if (!given) throw new LiveProgressHttpException('TOKEN_MISSING', 'Send a producer token as `Authorization: Bearer <token>`');
    const candidate = Buffer.from(given);
    if (!this.tokens.some((t) => t.length === candidate.length && timingSafeEqual(t, candidate))) {
      throw new LiveProgressHttpException('TOKEN_INVALID', 'Unknown producer token');
    }
    return true;
  }
}
