/** setTimeout overflows (fires at once) beyond 2^31−1 ms, about 24.8 days. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * When to send `auth.refresh` for a token expiring at `expiresAtMs`: `refreshBeforeMs`
 * ahead of expiry, but never before half its remaining life, so a short-lived token
 * is not refreshed in a tight loop.
 */
export function computeRefreshDelay(expiresAtMs: number, nowMs: number, refreshBeforeMs: number): number {
  const remaining = expiresAtMs - nowMs;
  if (remaining <= 0) return 0;
  return Math.min(MAX_TIMER_MS, Math.round(Math.max(remaining / 2, remaining - refreshBeforeMs)));
}
