/**
 * Reads a JWT's `exp` without verifying it — only to schedule a refresh before the
 * server would expire the socket. Uses atob so it runs in browsers and Node ≥ 16.
 */
export function decodeJwtExpiry(token: string): number | null {
  const parts = token.split('.');
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    // base64url to base64; atob takes it unpadded. Its bytes are read as Latin-1, not UTF-8: a
    // non-ASCII claim comes out garbled, but still as valid JSON (UTF-8 continuation bytes are
    // never control characters), and `exp` is a number, which reads the same either way.
    const claims: unknown = JSON.parse(atob(parts[1].replace(/-/g, '+').replace(/_/g, '/')));
    // Whatever JSON it holds: only an object's own `exp` counts (a primitive or null has none).
    const exp = (claims as { exp?: unknown } | null)?.exp;
    return typeof exp === 'number' && Number.isFinite(exp) ? exp * 1000 : null;
  } catch {
    return null;
  }
}
