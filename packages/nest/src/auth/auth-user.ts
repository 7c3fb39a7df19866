/** A verified caller, as every part of the module sees it. */
export interface AuthUser {
  userId: string;
  tenantId: string;
  roles: string[];
  /** Token expiry, in ms since the epoch. */
  expiresAt: number;
  /** The verified claims, for room policies that need more. */
  claims: Readonly<Record<string, unknown>>;
}
