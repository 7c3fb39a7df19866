import {
  AuthErrorCode,
  RATE_LIMITED_MESSAGE,
  ServerEvent,
  UNAUTHORIZED_MESSAGE,
  type ClientRequest,
  type ClientToServerEvents,
  type RequestPayload,
  type ServerToClientEvents,
} from '@liveprogress/protocol';
import { io, type Socket } from 'socket.io-client';
import { DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { INITIAL_CONNECTION_STATE, type ConnectionState } from './connection-state.js';
import { LiveProgressClientError } from './errors.js';
import { DEV, seeDocs } from './dev.js';
import type { ErrorReporter } from './listener-set.js';
import { ReconnectLoop } from './reconnect-loop.js';
import { sendRequest, type AckEmitter, type AckSuccess, type RequestTransport } from './request.js';
import { TokenRefresher } from './token-refresher.js';
import { resolveToken, type TokenSource } from './token-source.js';
import type { LiveTransport } from './transport.js';
import { unauthorizedMessage } from './unauthorized-message.js';

/**
 * The engine transports Socket.IO itself may use under the `'socket'` TransportKind. Its
 * `'polling'` is HTTP long-polling inside one Socket.IO connection, not the `'polling'` TransportKind.
 */
export type SocketEngineTransport = 'websocket' | 'polling' | 'webtransport';

export interface ConnectionOptions extends TokenSource {
  url: string;
  path?: string;
  transports?: SocketEngineTransport[];
  reconnection?: Partial<BackoffOptions> & { enabled?: boolean };
  refreshBeforeExpiryMs?: number;
  requestTimeoutMs?: number;
}

export interface ConnectionHooks {
  onConnected(): void;
  onDisconnected(): void;
  onServerEvent(name: string, payload: unknown): void;
  report: ErrorReporter;
}

type LiveSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * One Socket.IO connection with our own reconnect loop. Socket.IO's built-in
 * reconnection is off: it cannot fetch a fresh token between attempts, it keeps
 * retrying after an auth refusal, and its states do not map onto ours, so the
 * status we publish would be a guess. Here every attempt is ours and the status is exact.
 */
export class Connection implements RequestTransport, LiveTransport {
  readonly kind = 'socket' as const;
  #socket: LiveSocket | null = null;
  readonly #loop: ReconnectLoop;
  readonly #source: TokenSource;
  readonly #refresher: TokenRefresher;
  #closed = false;
  #expired = false;
  #currentToken: string | undefined;
  #failureCount = 0;

  readonly #options: ConnectionOptions;
  readonly #hooks: ConnectionHooks;

  constructor(options: ConnectionOptions, hooks: ConnectionHooks) {
    this.#options = options;
    this.#hooks = hooks;
    this.#source = { token: options.token, getToken: options.getToken };
    this.#loop = new ReconnectLoop({
      initial: INITIAL_CONNECTION_STATE,
      backoff: { ...DEFAULT_BACKOFF, enabled: true, ...options.reconnection },
      report: hooks.report,
      attempt: (epoch) => this.#attempt(epoch),
      onStart: () => {
        this.#failureCount = 0;
      },
    });
    this.#refresher = new TokenRefresher({
      refreshBeforeMs: options.refreshBeforeExpiryMs ?? 60_000,
      source: this.#source,
      refresh: (token) => this.#refresh(token),
      onError: (error) => {
        this.#loop.setState({ error });
        hooks.report(error, 'the proactive token refresh');
      },
    });
  }

  get connected(): boolean {
    return this.#socket?.connected === true;
  }

  /** connect_errors that were not auth refusals, since the last successful connect: what the fallback counts. */
  get failures(): number {
    return this.#failureCount;
  }

  getSnapshot = (): ConnectionState => this.#loop.getSnapshot();

  subscribe = (listener: () => void): (() => void) => this.#loop.subscribe(listener);

  connect(): void {
    this.#assertOpen('connect()');
    this.#loop.start();
  }

  disconnect(): void {
    if (this.#closed) return;
    this.#loop.stop(() => {
      this.#refresher.stop();
      this.#socket?.disconnect();
    });
  }

  close(): void {
    if (this.#closed) return;
    this.disconnect();
    this.#closed = true;
    if (this.#socket) {
      this.#socket.offAny();
      this.#socket.removeAllListeners();
      this.#socket.io.removeAllListeners();
      this.#socket = null;
    }
    this.#loop.dispose();
  }

  /** Makes `token` the only token source (any getToken is dropped); refreshes or reconnects as needed. */
  async setToken(token: string): Promise<void> {
    this.#assertOpen('setToken()');
    this.#source.token = token;
    this.#source.getToken = undefined;
    this.#refresher.stop();
    if (this.connected) await this.#refresh(token);
    else if (this.#loop.status === 'unauthorized') {
      this.#loop.start(true);
    }
  }

  request<E extends ClientRequest>(event: E, payload: RequestPayload<E>): Promise<AckSuccess<E>> {
    if (this.#closed)
      return Promise.reject(
        new LiveProgressClientError('CLOSED', DEV ? `${event} on a closed client: create a new LiveProgressClient` : seeDocs('CLOSED', 'client.md#errors')),
      );
    // Typed loosely on purpose: sendRequest treats every ack as untrusted input and checks its shape.
    const emitter: AckEmitter = (this.#socket as unknown as AckEmitter | null) ?? NOT_CONNECTED;
    return sendRequest(emitter, event, payload, this.#options.requestTimeoutMs ?? 10_000);
  }

  async #attempt(epoch: number): Promise<void> {
    let token: string | undefined;
    try {
      token = await resolveToken(this.#source);
    } catch (error) {
      if (this.#loop.isCurrent(epoch)) this.#loop.failed(error as LiveProgressClientError, this.#loop.retryStatus());
      return;
    }
    if (!this.#loop.isCurrent(epoch) || this.#closed) return;
    this.#currentToken = token;
    this.#expired = false;
    const socket = this.#ensureSocket();
    socket.auth = token === undefined ? {} : { token };
    socket.connect();
  }

  #ensureSocket(): LiveSocket {
    if (this.#socket) return this.#socket;
    const socket: LiveSocket = io(this.#options.url, {
      autoConnect: false,
      reconnection: false,
      forceNew: true,
      path: this.#options.path ?? '/socket.io',
      transports: this.#options.transports ?? ['websocket', 'polling'],
      // Falls back to long-polling when a proxy blocks WebSocket (docs/protocol.md, Transport).
      tryAllTransports: true,
    });
    socket.on('connect', () => this.#onConnect(socket));
    socket.on('connect_error', (error) => this.#onConnectError(error));
    socket.on('disconnect', (reason) => this.#onDisconnect(reason));
    socket.on(ServerEvent.AUTH_EXPIRED, () => {
      this.#expired = true;
    });
    socket.onAny((name: string, payload: unknown) => this.#hooks.onServerEvent(name, payload));
    this.#socket = socket;
    return socket;
  }

  #onConnect(socket: LiveSocket): void {
    this.#failureCount = 0;
    this.#loop.connected({ socketId: socket.id ?? null });
    this.#refresher.start(this.#currentToken);
    this.#hooks.onConnected();
  }

  #onConnectError(error: Error & { data?: unknown }): void {
    if (!this.#loop.isWanted) return;
    if (error.message === UNAUTHORIZED_MESSAGE) {
      const raw = (error.data as { code?: unknown } | undefined)?.code;
      const code = typeof raw === 'string' && Object.hasOwn(AuthErrorCode, raw) ? (raw as AuthErrorCode) : 'TOKEN_INVALID';
      const refusal = new LiveProgressClientError(code, unauthorizedMessage(code, this.#source.getToken !== undefined), {
        details: error.data,
      });
      // A fixed token will be refused again: stop instead of hammering the server.
      if (!this.#source.getToken) this.#loop.refused(refusal);
      else this.#loop.failed(refusal, 'unauthorized');
      return;
    }
    if (error.message === RATE_LIMITED_MESSAGE) {
      // Over the server's handshake limits: the same token will do once the pause is over, so
      // back off as after any failed attempt. The server was reached, so this is not a failure
      // the transport fallback counts.
      const limited = new LiveProgressClientError(
        'RATE_LIMITED',
        DEV
          ? 'the server refused the connection attempt (RATE_LIMITED): too many attempts; retrying after a pause'
          : seeDocs('RATE_LIMITED', 'client.md#connection-and-authentication'),
        { details: error.data },
      );
      this.#loop.failed(limited, this.#loop.retryStatus());
      return;
    }
    const failure = new LiveProgressClientError('CONNECTION_FAILED', `could not reach ${this.#options.url}: ${error.message}`, { cause: error });
    this.#failureCount += 1;
    this.#loop.failed(failure, this.#loop.retryStatus());
  }

  #onDisconnect(reason: string): void {
    this.#refresher.stop();
    this.#hooks.onDisconnected();
    if (!this.#loop.isWanted || this.#closed || reason === 'io client disconnect') return;
    if (this.#expired && !this.#source.getToken) {
      this.#loop.refused(
        new LiveProgressClientError(
          'TOKEN_EXPIRED',
          DEV
            ? 'the token expired and there is no getToken to fetch a new one: call setToken() or pass getToken'
            : seeDocs('TOKEN_EXPIRED', 'client.md#connection-and-authentication'),
        ),
      );
      return;
    }
    const error = this.#expired
      ? new LiveProgressClientError(
          'TOKEN_EXPIRED',
          DEV ? 'the token expired; reconnecting with a fresh one from getToken()' : seeDocs('TOKEN_EXPIRED', 'client.md#connection-and-authentication'),
        )
      : new LiveProgressClientError('DISCONNECTED', `connection lost (${reason}); reconnecting`);
    this.#loop.failed(error, 'reconnecting');
  }

  #assertOpen(what: string): void {
    if (this.#closed)
      throw new LiveProgressClientError('CLOSED', DEV ? `${what} on a closed client: create a new LiveProgressClient` : seeDocs('CLOSED', 'client.md#errors'));
  }

  /** Hands the server a new token for the open socket (`auth.refresh`) and makes it the current one. */
  async #refresh(token: string): Promise<void> {
    await this.request('auth.refresh', { token });
    this.#currentToken = token;
    if (this.#loop.getSnapshot().error) this.#loop.setState({ error: null });
  }
}

const NOT_CONNECTED: AckEmitter = { connected: false, timeout: () => ({ emit: () => undefined }) };
