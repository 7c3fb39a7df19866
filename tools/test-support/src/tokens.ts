import jwt from 'jsonwebtoken';

/** The secret every test server is started with. */
export const TEST_JWT_SECRET = 'liveprogress-test-secret-with-enough-entropy-0123456789';

export interface TestClaims {
  sub?: string;
  tenantId?: string;
  roles?: unknown;
  [claim: string]: unknown;
}

/** Signs an HS256 token; `expiresIn` in seconds (default one hour), `null` for none. */
export function signToken(claims: TestClaims, options: { secret?: jwt.Secret; expiresIn?: number | null; algorithm?: jwt.Algorithm } = {}): string {
  const { secret = TEST_JWT_SECRET, expiresIn = 3600, algorithm = 'HS256' } = options;
  return jwt.sign(claims, secret, { algorithm, ...(expiresIn === null ? {} : { expiresIn }) });
}
