import type { AuthErrorCode } from '@liveprogress/protocol';
import { DEV, seeDocs } from './dev.js';

/** What a refused connection says, the same on the socket and on the HTTP fallback; the `code` says why in production builds too. */
export function unauthorizedMessage(code: AuthErrorCode, retrying: boolean): string {
  if (!DEV) return seeDocs(code, 'client.md#connection-and-authentication');
  const why = {
    TOKEN_MISSING: 'no token was sent: pass `token` or `getToken`',
    TOKEN_INVALID: 'the token was rejected (bad signature, algorithm, or missing sub/exp)',
    TOKEN_EXPIRED: 'the token has expired',
    TENANT_MISSING: 'the token carries no tenant claim',
  }[code];
  return `the server refused the connection (${code}): ${why}; ${retrying ? 'retrying with a fresh token from getToken()' : 'not retrying with the same token — call setToken() or connect() again'}`;
}
