import type { AuthErrorCode } from '@liveprogress/protocol';
import { DEV, seeDocs } from './dev.js';

/** What a refused connection says, the same on the socket and on the HTTP fallback; the `code` says why in production builds too. */
export function unauthorizedMessage(code: AuthErrorCode, retrying: boolean): string {
  // Inline, not in a module-level table: the bundler drops only what sits in the DEV branch itself.
  return DEV
    ? `the server refused the connection (${code}): ${
        {
          TOKEN_MISSING: 'no token was sent: pass `token` or `getToken`',
          TOKEN_INVALID: 'the token was rejected (bad signature, algorithm, or missing sub/exp)',
          TOKEN_EXPIRED: 'the token has expired',
          TENANT_MISSING: 'the token carries no tenant claim',
        }[code]
      }; ${retrying ? 'retrying with a fresh token from getToken()' : 'not retrying with the same token — call setToken() or connect() again'}`
    : seeDocs(code, 'client.md#connection-and-authentication');
}
