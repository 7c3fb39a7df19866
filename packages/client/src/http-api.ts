/** The contract's HTTP endpoints (§7) as the SSE and polling transports use them: bearer token, error mapping. */
import { isErrorCode, type ListRequest, type OperationSnapshot } from '@liveprogress/protocol';
import { LiveProgressClientError } from './errors.js';
import { decodeJwtExpiry } from './jwt-expiry.js';
import { isSnapshot } from './progress-event.js';
import { resolveToken, type TokenSource } from './token-source.js';

export const DEFAULT_HTTP_PREFIX = '/api/v1/operations';
export const DEFAULT_ROOM_EVENTS_PATH = '/api/v1/events';

/** Where the HTTP endpoints live; by default next to the socket, under the contract's prefix. */
export interface HttpOptions {
  /** Origin (and base path) of the HTTP API; default: the origin of the client's `url`. */
  url?: string;
  /** Default '/api/v1/operations'. */
  prefix?: string;
  /**
   * Path of the server's room-event stream (toasts, table refreshes and custom events while on SSE or
   * polling), default '/api/v1/events'; `false` for a server without one (those events then stop on the fallback).
   */
  roomEventsPath?: string | false;
  /** A fetch to use instead of the global one (a proxy agent in Node, say). */
  fetch?: typeof fetch;
}

export interface HttpApiOptions {
  baseUrl: string;
  prefix: string;
  roomEventsPath: string | false;
  source: TokenSource;
  fetch: typeof fetch | undefined;
  requestTimeoutMs: number;
  /** A getToken token this close to its expiry is replaced before it is sent. */
  refreshBeforeExpiryMs: number;
}

/** Errors that say the server could not be reached (or something else answered): what the fallback counts. */
export function isTransportFailure(error: LiveProgressClientError): boolean {
  return error.code === 'CONNECTION_FAILED' || error.code === 'INVALID_RESPONSE' || error.code === 'TIMEOUT';
}

export function isAuthFailure(error: LiveProgressClientError): boolean {
  return error.code === 'TOKEN_MISSING' || error.code === 'TOKEN_INVALID' || error.code === 'TOKEN_EXPIRED' || error.code === 'TENANT_MISSING';
}

/** What takes an HTTP transport's link down: the server out of reach, our token refused, or no token to send (getToken threw). */
export function isLinkFailure(error: LiveProgressClientError): boolean {
  return isTransportFailure(error) || isAuthFailure(error) || error.code === 'TOKEN_UNAVAILABLE';
}

export class HttpApi {
  private token: string | undefined;

  constructor(private readonly options: HttpApiOptions) {}

  get url(): string {
    return `${this.options.baseUrl}${this.options.prefix}`;
  }

  /** Asks the token source again on the next request (before every connect attempt, like the socket). */
  forgetToken(): void {
    this.token = undefined;
  }

  setToken(token: string): void {
    this.options.source.token = token;
    this.options.source.getToken = undefined;
    this.token = token;
  }

  /** A cheap authenticated call that proves the API is reachable and takes our token. */
  async probe(): Promise<void> {
    await this.json('GET', '?limit=1', 'the HTTP probe');
  }

  async snapshot(operationId: string, signal?: AbortSignal): Promise<OperationSnapshot> {
    const body = await this.json('GET', `/${encodeURIComponent(operationId)}`, `GET operation ${operationId}`, signal);
    if (!isSnapshot(body, operationId)) throw invalid(`GET operation ${operationId}`, body);
    return body;
  }

  async list(filter: ListRequest): Promise<OperationSnapshot[]> {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (value !== undefined) query.set(key, String(value));
    const search = query.toString() ? `?${query.toString()}` : '';
    const body = await this.json('GET', search, 'operations.list');
    const operations = (body as { operations?: unknown }).operations;
    if (!Array.isArray(operations)) throw invalid('operations.list', body);
    return operations as OperationSnapshot[];
  }

  async cancel(operationId: string): Promise<void> {
    await this.json('POST', `/${encodeURIComponent(operationId)}/cancel`, 'operation.cancel');
  }

  async delete(operationId: string): Promise<void> {
    await this.json('DELETE', `/${encodeURIComponent(operationId)}`, 'operation.delete');
  }

  /** Whether the server has a room-event stream to open (`roomEventsPath` is not false). */
  get hasRoomEvents(): boolean {
    return this.options.roomEventsPath !== false;
  }

  /** Opens the caller's room-event stream; resolves once the server answered 200 with an event stream. */
  async roomEvents(signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const path = this.options.roomEventsPath === false ? DEFAULT_ROOM_EVENTS_PATH : this.options.roomEventsPath;
    return this.eventStream(`${this.options.baseUrl}${path}`, {}, signal, 'the room-event stream');
  }

  /** Opens the SSE stream; resolves once the server answered 200 with an event stream. No overall timeout. */
  async stream(operationId: string, lastEventId: number | undefined, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
    const headers: Record<string, string> = lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) };
    return this.eventStream(`${this.url}/${encodeURIComponent(operationId)}/stream`, headers, signal, `the SSE stream of ${operationId}`);
  }

  private async eventStream(url: string, extra: Record<string, string>, signal: AbortSignal, what: string): Promise<ReadableStream<Uint8Array>> {
    const headers: Record<string, string> = { accept: 'text/event-stream', ...extra, ...(await this.authorization()) };
    const res = await this.fetch(url, { headers, signal, cache: 'no-store' }, what);
    if (!res.ok) throw await refusal(res, what);
    const type = res.headers.get('content-type') ?? '';
    if (!type.startsWith('text/event-stream') || !res.body) {
      await res.body?.cancel().catch(() => undefined);
      throw new LiveProgressClientError(
        'CONNECTION_FAILED',
        `${what} answered ${type || 'no content type'} instead of text/event-stream: a proxy may be in the way`,
      );
    }
    return res.body;
  }

  private async json(method: 'GET' | 'POST' | 'DELETE', path: string, what: string, signal?: AbortSignal): Promise<unknown> {
    // Our own timer, cleared in `finally`: AbortSignal.timeout would outlive close() by up to requestTimeoutMs.
    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, this.options.requestTimeoutMs);
    const forward = () => controller.abort();
    signal?.addEventListener('abort', forward, { once: true });
    try {
      const init: RequestInit = {
        method,
        headers: { accept: 'application/json', ...(await this.authorization()) },
        signal: controller.signal,
        cache: 'no-store',
      };
      let res: Response;
      try {
        res = await this.fetch(`${this.url}${path}`, init, what);
        if (!res.ok) throw await refusal(res, what);
        return (await res.json()) as unknown;
      } catch (error) {
        if (timedOut) {
          throw new LiveProgressClientError('TIMEOUT', `${what} was not answered within ${this.options.requestTimeoutMs} ms: retry or raise requestTimeoutMs`, {
            cause: error,
          });
        }
        if (error instanceof SyntaxError) {
          throw new LiveProgressClientError('INVALID_RESPONSE', `${what} answered with a body that is not JSON: a proxy may be in the way`, { cause: error });
        }
        throw error;
      }
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', forward);
    }
  }

  private async fetch(url: string, init: RequestInit, what: string): Promise<Response> {
    try {
      // Called on globalThis (not as a method of this object): browsers refuse fetch with another `this`.
      return await (this.options.fetch ? this.options.fetch(url, init) : globalThis.fetch(url, init));
    } catch (cause) {
      if (init.signal?.aborted) throw cause;
      const reason = cause instanceof Error ? (cause.cause instanceof Error ? cause.cause.message : cause.message) : String(cause);
      throw new LiveProgressClientError('CONNECTION_FAILED', `could not reach ${url} for ${what}: ${reason}`, { cause });
    }
  }

  private async authorization(): Promise<Record<string, string>> {
    const { source, refreshBeforeExpiryMs } = this.options;
    if (this.token && source.getToken) {
      const expiresAt = decodeJwtExpiry(this.token);
      if (expiresAt !== null && expiresAt - Date.now() < refreshBeforeExpiryMs) this.token = undefined;
    }
    this.token ??= await resolveToken(source);
    return this.token === undefined ? {} : { authorization: `Bearer ${this.token}` };
  }
}

/** A non-2xx answer: the contract's `{ error: { code, message } }`, or something a proxy said. */
async function refusal(res: Response, what: string): Promise<LiveProgressClientError> {
  const text = await res.text().catch(() => '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  const error = (body as { error?: { code?: unknown; message?: unknown } } | undefined)?.error;
  if (isErrorCode(error?.code)) {
    const message = typeof error.message === 'string' ? error.message : 'no message';
    return new LiveProgressClientError(error.code, `${what} was refused (${error.code}): ${message}`, { details: error });
  }
  return new LiveProgressClientError(
    'CONNECTION_FAILED',
    `${what} answered HTTP ${res.status} without a LiveProgress error body: a proxy or firewall may be blocking it`,
    {
      details: { status: res.status, body: text.slice(0, 200) },
    },
  );
}

function invalid(what: string, body: unknown): LiveProgressClientError {
  return new LiveProgressClientError('INVALID_RESPONSE', `${what} answered with something the contract does not describe`, { details: body });
}
