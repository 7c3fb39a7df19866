import type { AuthUser } from './auth-user.js';
import { requestUser, type RequestWithUser } from './http-user.js';

/** What a `resolveUser` option returns for a request: who asked, in which tenant. */
export interface ResolvedRequestUser {
  userId: string;
  tenantId: string;
  roles?: string[];
}

/** Who made an HTTP request, or why nobody could be found (the reason ends up in UnknownOperationError's message). */
export type RequestUserResolution = { user: AuthUser } | { missing: string };

export type ResolveUser = (request: never) => ResolvedRequestUser | null | undefined | Promise<ResolvedRequestUser | null | undefined>;

/**
 * The requesting user as whatever authenticated the request left it: LiveProgressAuthGuard's
 * verified user, else `req.user` as Passport strategies and most guards set it (`id`, `sub`
 * or `userId`; the tenant under the same claim name as the module's JWTs, `auth.tenantClaim`;
 * `roles`). An app whose user looks different passes `resolveUser` instead.
 */
export function userFromRequest(req: RequestWithUser, tenantClaim: string): RequestUserResolution {
  const verified = requestUser(req);
  if (verified) return { user: verified };
  const user = req.user;
  if (user === undefined || user === null) {
    return { missing: 'the request has no `req.user` (no guard authenticated it, or the guard runs after this point)' };
  }
  if (typeof user !== 'object') return { missing: '`req.user` is not an object' };
  const claims = user as Record<string, unknown>;
  const userId = idOf(claims.id) ?? idOf(claims.sub) ?? idOf(claims.userId);
  if (userId === undefined) return { missing: '`req.user` has no `id`, `sub` or `userId`' };
  const tenantId = idOf(claims[tenantClaim]);
  if (tenantId === undefined) return { missing: `\`req.user\` has no \`${tenantClaim}\` (the tenant claim the module reads, auth.tenantClaim)` };
  return { user: authUser({ userId, tenantId, roles: rolesOf(claims.roles) }, claims) };
}

/** A `resolveUser` result as the module's user; `claims` is the object it came from, for room policies. */
export function authUser(resolved: ResolvedRequestUser, claims: Record<string, unknown> = {}): AuthUser {
  const exp = claims.exp;
  return {
    userId: resolved.userId,
    tenantId: resolved.tenantId,
    roles: resolved.roles ?? [],
    // A session or an app's own guard may carry no expiry; the HTTP work it starts does not need one.
    expiresAt: typeof exp === 'number' ? exp * 1000 : Number.POSITIVE_INFINITY,
    claims,
  };
}

function idOf(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 0) return value;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}

function rolesOf(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((r): r is string => typeof r === 'string') : [];
}
