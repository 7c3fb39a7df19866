import { type CanActivate, type ExecutionContext, Injectable, type Type, UnauthorizedException } from '@nestjs/common';
import jwt from 'jsonwebtoken';

/** The user an app's own guard leaves on `req.user`, as a Passport JwtStrategy's `validate()` returns it. */
export interface AppUser {
  id: string;
  email: string;
  roles: string[];
  tenantId?: string;
}

/**
 * An app's own JWT guard, shaped like a Passport `JwtAuthGuard` with a JwtStrategy: it verifies
 * the bearer token with the app's secret and sets `req.user` to the app's user. LiveProgress
 * is not involved; the module must learn the user from `req.user` alone (docs/getting-started.md).
 * `tenant: false` models a single-tenant app whose user carries no tenant.
 */
export function appJwtGuard({ secret, tenant = true }: { secret: string; tenant?: boolean }): Type<CanActivate> {
  @Injectable()
  class JwtAuthGuard implements CanActivate {
    canActivate(context: ExecutionContext): boolean {
      const req = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined>; user?: AppUser }>();
      const token = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token) throw new UnauthorizedException();
      try {
        const payload = jwt.verify(token, secret) as jwt.JwtPayload;
        req.user = {
          id: String(payload.sub),
          email: `${payload.sub}@example.test`,
          roles: Array.isArray(payload.roles) ? payload.roles : [],
          ...(tenant ? { tenantId: payload.tenantId as string } : {}),
        };
        return true;
      } catch {
        throw new UnauthorizedException();
      }
    }
  }
  return JwtAuthGuard;
}
