import jwt from 'jsonwebtoken';

/**
 * The JWT check a hand-written server would do on connect: same library, same
 * algorithm allow-list, `sub` and `tenantId` required. It keeps the baselines'
 * connections authenticated like LiveProgress's, so connect time and memory compare.
 */
export function verifyHandshakeToken(token: unknown, secret: string): { userId: string; tenantId: string } | null {
  if (typeof token !== 'string' || token.length === 0) return null;
  try {
    const claims = jwt.verify(token, secret, { algorithms: ['HS256'] });
    if (typeof claims !== 'object' || typeof claims.sub !== 'string' || typeof claims.exp !== 'number') return null;
    const tenantId = (claims as Record<string, unknown>).tenantId;
    return typeof tenantId === 'string' ? { userId: claims.sub, tenantId } : null;
  } catch {
    return null;
  }
}

export function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice(7) : undefined;
}
