import type { AuthErrorCode } from '@liveprogress/protocol';

/** What a refused connection says, the same on the socket and on the HTTP fallback. */
export function unauthorizedMessage(code: AuthErrorCode, retrying: boolean): string {
  const why = {
    TOKEN_MISSING: 'no token was sent: pass `token` or `getToken`',
    TOKEN_INVALID: 'the token was rejected (bad signature, algorithm, or missing sub/exp)',
    TOKEN_EXPIRED: 'the token has expired',
    TENANT_MISSING: 'the token carries no tenant claim',
  }[code];
  return `the server refused the connection (${code}): ${why}; ${retrying ? 'retrying with a fresh token from getToken()' : 'not retrying with the same token — call setToken() or connect() again'}`;
}
