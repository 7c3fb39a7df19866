import type { OperationSnapshot } from '@liveprogress/protocol';
import { DEFAULT_HTTP_PREFIX, HttpApi } from './http-api.js';

export interface FetchOperationOptions {
  /** Origin (and base path) of the API, e.g. `http://api.internal:3001`. */
  apiUrl: string;
  /** The user's JWT, as the browser would send it. */
  token: string;
  /** Default `/api/v1/operations`. */
  prefix?: string;
  /** Default 10 s. */
  timeoutMs?: number;
  signal?: AbortSignal;
  /** A fetch to use instead of the global one. */
  fetch?: typeof fetch;
}

/**
 * Reads one operation's snapshot over HTTP, for a server component to render before any socket
 * exists (docs/react.md, Server rendering); pass it on as `initialSnapshot` and the live stream
 * resumes after its `seq`. Runs wherever `fetch` does: Node, edge runtimes, the browser. Rejects
 * with a `LiveProgressClientError`: `NOT_FOUND` for an operation the user may not see, the
 * token's code when it is refused, `TIMEOUT` or `CONNECTION_FAILED` when the API is out of reach.
 */
export function fetchOperation(operationId: string, options: FetchOperationOptions): Promise<OperationSnapshot> {
  const api = new HttpApi({
    baseUrl: options.apiUrl.replace(/\/+$/, ''),
    prefix: options.prefix ?? DEFAULT_HTTP_PREFIX,
    roomEventsPath: false,
    source: { token: options.token },
    fetch: options.fetch,
    requestTimeoutMs: options.timeoutMs ?? 10_000,
    refreshBeforeExpiryMs: 0,
  });
  return api.snapshot(operationId, options.signal);
}
