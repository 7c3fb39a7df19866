import { type KeyObject, createPublicKey, createSecretKey } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import jwt from 'jsonwebtoken';
import type { Metrics } from '@liveprogress/core';
import { LIVE_PROGRESS_METRICS, RESOLVED_OPTIONS } from '../live-progress.tokens.js';
import type { ResolvedOptions } from '../live-progress.options.js';
import type { AuthUser } from './auth-user.js';
import { AuthRefusal } from './auth-refusal.js';

/** Verifies a bearer token against the configured key and allow-list and turns its claims into an AuthUser. */
@Injectable()
export class JwtVerifier {
  /** Parsed once: turning a secret or PEM into a key on every verify costs more than the verify itself. */
  private readonly key: KeyObject;

  constructor(
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
    @Inject(LIVE_PROGRESS_METRICS) private readonly metrics: Metrics,
  ) {
    const { key, algorithms } = options.auth;
    const symmetric = algorithms.every((a) => a.startsWith('HS'));
    this.key = symmetric ? createSecretKey(typeof key === 'string' ? Buffer.from(key) : key) : createPublicKey(key);
  }

  /** The token's user; throws AuthRefusal (counted by code) when it is refused. */
  verify(token: string | undefined | null): AuthUser {
    try {
      return this.check(token);
    } catch (err) {
      if (err instanceof AuthRefusal) this.metrics.increment('auth_refusals_total', { code: err.code });
      throw err;
    }
  }

  private check(token: string | undefined | null): AuthUser {
    if (!token) throw new AuthRefusal('TOKEN_MISSING', 'No token: send it in the handshake `auth.token` or as `Authorization: Bearer <jwt>`');
    const { algorithms, issuer, audience, clockToleranceSeconds, tenantClaim } = this.options.auth;
    const key = this.key;
    let payload: string | jwt.JwtPayload;
    try {
      payload = jwt.verify(token, key, {
        algorithms,
        clockTolerance: clockToleranceSeconds,
        ...(issuer !== undefined ? { issuer: issuer as string | [string, ...string[]] } : {}),
        ...(audience !== undefined ? { audience: audience as string | [string, ...string[]] } : {}),
      });
    } catch (err) {
      if (err instanceof jwt.TokenExpiredError) throw new AuthRefusal('TOKEN_EXPIRED', 'The token has expired: get a new one');
      throw new AuthRefusal('TOKEN_INVALID', `The token was refused: ${(err as Error).message}`);
    }
    if (typeof payload !== 'object' || payload === null) throw new AuthRefusal('TOKEN_INVALID', 'The token carries no claims object');
    const { sub, exp, roles } = payload;
    if (typeof sub !== 'string' || sub.length === 0) throw new AuthRefusal('TOKEN_INVALID', 'The token has no `sub` (user id) claim');
    if (typeof exp !== 'number') throw new AuthRefusal('TOKEN_INVALID', 'The token has no `exp` claim; tokens must expire');
    if (roles !== undefined && !(Array.isArray(roles) && roles.every((r) => typeof r === 'string'))) {
      throw new AuthRefusal('TOKEN_INVALID', 'The `roles` claim must be an array of strings');
    }
    const tenantId = (payload as Record<string, unknown>)[tenantClaim];
    if (typeof tenantId !== 'string' || tenantId.length === 0) {
      throw new AuthRefusal('TENANT_MISSING', `The token has no \`${tenantClaim}\` claim naming the tenant`);
    }
    return { userId: sub, tenantId, roles: (roles as string[] | undefined) ?? [], expiresAt: exp * 1000, claims: payload };
  }
}
