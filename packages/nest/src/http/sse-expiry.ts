import type { ServerResponse } from 'node:http';
import { ServerEvent, type AuthExpiredPayload } from '@liveprogress/protocol';

/** setTimeout's largest delay; a later expiry is waited for in steps. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * Ends an SSE stream when the token that opened it expires (docs/protocol.md, HTTP and
 * Server-Sent Events): an `auth.expired` event, then the end, as a socket gets at its
 * token's expiry. A token without an expiry (when the module allows one) never ends it.
 * Returns the function that stops waiting (call it when the stream ends first).
 */
export function endAtExpiry(res: ServerResponse, expiresAt: number, end: () => void): () => void {
  if (!Number.isFinite(expiresAt)) return () => undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    const left = expiresAt - Date.now();
    if (left > 0) {
      timer = setTimeout(arm, Math.min(left, MAX_TIMER_MS));
      return;
    }
    const payload: AuthExpiredPayload = { code: 'TOKEN_EXPIRED', timestamp: Date.now() };
    if (!res.writableEnded) res.write(`event: ${ServerEvent.AUTH_EXPIRED}\ndata: ${JSON.stringify(payload)}\n\n`);
    end();
  };
  arm();
  return () => clearTimeout(timer);
}
