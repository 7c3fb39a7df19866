import type { ClientRequest, ListRequest, RequestPayload, SubscribeRequest } from '@liveprogress/protocol';
import { computeBackoffDelay, type BackoffOptions } from './backoff.js';
import type { ConnectionState } from './connection-state.js';
import { LiveProgressClientError } from './errors.js';
import { DEV, seeDocs } from './dev.js';
import { isLinkFailure, isTransportFailure, type HttpApi } from './http-api.js';
import { HttpLink } from './http-link.js';
import type { AckSuccess } from './request.js';
import { RoomEventStream } from './room-event-stream.js';
import type { LiveTransport, TransportHooks, TransportKind } from './transport.js';

export interface HttpTransportDeps {
  api: HttpApi;
  hooks: TransportHooks;
  backoff: BackoffOptions & { enabled: boolean };
  canRefreshToken: () => boolean;
  /** The room-event stream silent this long (no event, no heartbeat) counts as broken. */
  roomEventsIdleMs: number;
}

/**
 * What the SSE and polling transports share: the connection status (HttpLink), the
 * requests that are plain HTTP calls (list, cancel), and the caller's room-event stream
 * while connected (toasts, table refreshes, custom events). Each subclass says how it
 * follows one operation (`follow`) and stops (`unfollow`, `unfollowAll`).
 */
export abstract class HttpTransport implements LiveTransport {
  abstract readonly kind: TransportKind;
  protected readonly api: HttpApi;
  protected readonly hooks: TransportHooks;
  protected readonly link: HttpLink;
  private closed = false;
  private roomEvents: RoomEventStream | null = null;
  private roomEventsRetry: ReturnType<typeof setTimeout> | null = null;
  private roomEventsAttempt = 0;

  constructor(
    kind: TransportKind,
    private readonly deps: HttpTransportDeps,
  ) {
    this.api = deps.api;
    this.hooks = deps.hooks;
    this.link = new HttpLink({
      kind,
      api: deps.api,
      backoff: deps.backoff,
      canRefreshToken: deps.canRefreshToken,
      report: deps.hooks.report,
      // 'connected' on a fallback means the room events are flowing too, as the socket's rooms are joined before it is ready.
      prepare: () => this.prepareRoomEvents(),
      onConnected: () => deps.hooks.onConnected(),
      onDisconnected: () => {
        this.closeRoomEvents();
        this.unfollowAll();
        deps.hooks.onDisconnected();
      },
    });
  }

  get connected(): boolean {
    return this.link.connected && !this.closed;
  }

  get failures(): number {
    return this.link.failures;
  }

  getSnapshot = (): ConnectionState => this.link.getSnapshot();

  subscribe = (listener: () => void): (() => void) => this.link.subscribe(listener);

  connect(): void {
    if (this.closed)
      throw new LiveProgressClientError(
        'CLOSED',
        DEV ? 'connect() on a closed client: create a new LiveProgressClient' : seeDocs('CLOSED', 'client.md#errors'),
      );
    this.link.connect();
  }

  disconnect(): void {
    this.closeRoomEvents();
    this.unfollowAll();
    this.link.disconnect();
  }

  close(): void {
    this.closed = true;
    this.closeRoomEvents();
    this.unfollowAll();
    this.link.close();
  }

  async setToken(token: string): Promise<void> {
    // Every HTTP request carries the token, so there is nothing to refresh on the server.
    this.api.setToken(token);
    this.link.retryIfUnauthorized();
  }

  request<E extends ClientRequest>(event: E, payload: RequestPayload<E>): Promise<AckSuccess<E>> {
    if (this.closed) return Promise.reject(new LiveProgressClientError('CLOSED', `${event} on a closed client: create a new LiveProgressClient`));
    if (!this.connected) {
      return Promise.reject(
        new LiveProgressClientError('DISCONNECTED', `${event} needs a connection: wait for status 'connected' (or call connect()) and retry`),
      );
    }
    return this.dispatch(event, payload) as Promise<AckSuccess<E>>;
  }

  /** Follows one operation: resolves with a subscribe ack (snapshot and any replayed events), then reports through the hooks. */
  protected abstract follow(request: SubscribeRequest): Promise<AckSuccess<'operation.subscribe'>>;
  protected abstract unfollow(operationId: string): void;
  protected abstract unfollowAll(): void;

  /** A request failed: an unreachable server or a refused token takes the link down (and the store re-subscribes later). */
  protected failed(error: unknown, what: string): LiveProgressClientError {
    const failure =
      error instanceof LiveProgressClientError ? error : new LiveProgressClientError('INTERNAL', `${what} failed: ${String(error)}`, { cause: error });
    this.link.fail(failure);
    return failure;
  }

  /** For a subscribe: what took the link down becomes DISCONNECTED, which the store answers by waiting for the next connect. */
  protected asSubscribeError(error: LiveProgressClientError): LiveProgressClientError {
    if (!isLinkFailure(error)) return error;
    return new LiveProgressClientError('DISCONNECTED', `${error.message}; following again once reconnected`, { cause: error });
  }

  private async prepareRoomEvents(): Promise<void> {
    this.closeRoomEvents();
    this.roomEventsAttempt = 0;
    const stream = this.openRoomEvents();
    const error = stream ? await stream.opened : null;
    // Unreachable or refused: the attempt fails like a failed probe. A server without the stream still connects.
    if (error && isLinkFailure(error) && !answeredByServer(error)) throw error;
  }

  private openRoomEvents(): RoomEventStream | null {
    if (!this.api.hasRoomEvents || this.roomEvents || this.closed) return null;
    const stream: RoomEventStream = new RoomEventStream(this.api, this.deps.roomEventsIdleMs, {
      onEvent: (name, payload) => {
        if (this.roomEvents === stream) this.hooks.onServerEvent(name, payload);
      },
      onEnd: (error) => this.roomEventsEnded(stream, error),
    });
    this.roomEvents = stream;
    return stream;
  }

  private roomEventsEnded(stream: RoomEventStream, error: LiveProgressClientError): void {
    if (this.roomEvents !== stream) return;
    this.roomEvents = null;
    // Unreachable or a refused token (TOKEN_EXPIRED at the token's expiry): the link goes down, and the stream reopens with it.
    if (isLinkFailure(error) && !answeredByServer(error)) {
      this.failed(error, 'the room-event stream');
      return;
    }
    // The server answered, but not with the stream (a server without one, RATE_LIMITED…): try again later.
    if (this.roomEventsAttempt === 0) this.hooks.report(error, 'the room-event stream');
    const delay = computeBackoffDelay(this.roomEventsAttempt++, this.deps.backoff);
    this.roomEventsRetry = setTimeout(() => {
      this.roomEventsRetry = null;
      if (this.connected) this.openRoomEvents();
    }, delay);
  }

  private closeRoomEvents(): void {
    if (this.roomEventsRetry) clearTimeout(this.roomEventsRetry);
    this.roomEventsRetry = null;
    const stream = this.roomEvents;
    this.roomEvents = null;
    stream?.close();
  }

  private async dispatch(event: ClientRequest, payload: unknown): Promise<object> {
    try {
      switch (event) {
        case 'operation.subscribe':
          return await this.follow(payload as SubscribeRequest);
        case 'operation.unsubscribe':
          this.unfollow((payload as { operationId: string }).operationId);
          return { ok: true };
        case 'operations.list':
          return { ok: true, operations: await this.api.list(payload as ListRequest) };
        case 'operation.cancel':
          await this.api.cancel((payload as { operationId: string }).operationId);
          return { ok: true };
        case 'operation.delete':
          await this.api.delete((payload as { operationId: string }).operationId);
          return { ok: true };
        case 'auth.refresh':
          this.api.setToken((payload as { token: string }).token);
          return { ok: true };
      }
    } catch (error) {
      if (event === 'operation.subscribe') throw error;
      throw this.failed(error, event);
    }
  }
}

/** An HTTP answer that was not the stream (a 404 from a server without one, a proxy's page): not an unreachable server. */
function answeredByServer(error: LiveProgressClientError): boolean {
  return isTransportFailure(error) && (error.details as { status?: unknown } | undefined)?.status !== undefined;
}
