import {
  AuthErrorCode,
  ServerEvent,
  UNAUTHORIZED_MESSAGE,
  type ClientRequest,
  type ClientToServerEvents,
  type RequestPayload,
  type ServerToClientEvents,
} from '@liveprogress/protocol';
import { io, type Socket } from 'socket.io-client';
import { computeBackoffDelay, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
import { INITIAL_CONNECTION_STATE, type ConnectionState, type ConnectionStatus } from './connection-state.js';
import { LiveProgressError } from './errors.js';
import { ListenerSet, type ErrorReporter } from './listener-set.js';
import { sendRequest, type AckEmitter, type AckSuccess, type RequestTransport } from './request.js';
import { TokenRefresher } from './token-refresher.js';
import { resolveToken, type TokenSource } from './token-source.js';
import type { LiveTransport } from './transport.js';

export type Transport = 'websocket' | 'polling' | 'webtransport';

export interface ConnectionOptions extends TokenSource {
  url: string;
  path?: string;
  transports?: Transport[];
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
  private socket: LiveSocket | null = null;
  private state: ConnectionState = INITIAL_CONNECTION_STATE;
  private readonly listeners: ListenerSet;
  private readonly source: TokenSource;
  private readonly backoff: BackoffOptions & { enabled: boolean };
  private readonly refresher: TokenRefresher;
  /** Bumped by connect()/disconnect()/close(): an async attempt from an older epoch gives up. */
  private epoch = 0;
  private wanted = false;
  private closed = false;
  private expired = false;
  private currentToken: string | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failureCount = 0;

  constructor(
    private readonly options: ConnectionOptions,
    private readonly hooks: ConnectionHooks,
  ) {
    this.listeners = new ListenerSet(hooks.report, 'a connection listener');
    this.source = { token: options.token, getToken: options.getToken };
    this.backoff = { ...DEFAULT_BACKOFF, enabled: true, ...options.reconnection };
    this.refresher = new TokenRefresher({
      refreshBeforeMs: options.refreshBeforeExpiryMs ?? 60_000,
      canRefresh: () => this.source.getToken !== undefined,
      nextToken: () => resolveToken(this.source),
      send: async (token) => {
        await this.request('auth.refresh', { token });
      },
      onRefreshed: (token) => {
        this.currentToken = token;
        if (this.state.error) this.setState({ error: null });
      },
      onError: (error) => {
        this.setState({ error });
        this.hooks.report(error, 'the proactive token refresh');
      },
    });
  }

  get connected(): boolean {
    return this.socket?.connected === true;
  }

  /** connect_errors that were not auth refusals, since the last successful connect: what the fallback counts. */
  get failures(): number {
    return this.failureCount;
  }

  getSnapshot = (): ConnectionState => this.state;

  subscribe = (listener: () => void): (() => void) => this.listeners.add(listener);

  connect(): void {
    this.assertOpen('connect()');
    const { status } = this.state;
    if (this.wanted && (status === 'connecting' || status === 'connected' || status === 'reconnecting')) return;
    this.wanted = true;
    this.epoch += 1;
    this.failureCount = 0;
    this.clearRetry();
    this.setState({ status: 'connecting', error: null, attempt: 0, nextRetryAt: null });
    void this.attempt(this.epoch);
  }

  disconnect(): void {
    if (this.closed) return;
    this.wanted = false;
    this.epoch += 1;
    this.clearRetry();
    this.refresher.stop();
    this.socket?.disconnect();
    this.setState({ status: 'disconnected', error: null, nextRetryAt: null, socketId: null });
  }

  close(): void {
    if (this.closed) return;
    this.disconnect();
    this.closed = true;
    if (this.socket) {
      this.socket.offAny();
      this.socket.removeAllListeners();
      this.socket.io.removeAllListeners();
      this.socket = null;
    }
    this.listeners.clear();
  }

  /** Makes `token` the only token source (any getToken is dropped); refreshes or reconnects as needed. */
  async setToken(token: string): Promise<void> {
    this.assertOpen('setToken()');
    this.source.token = token;
    this.source.getToken = undefined;
    this.refresher.stop();
    if (this.connected) {
      await this.request('auth.refresh', { token });
      this.currentToken = token;
      if (this.state.error) this.setState({ error: null });
    } else if (this.state.status === 'unauthorized') {
      this.wanted = false;
      this.connect();
    }
  }

  request<E extends ClientRequest>(event: E, payload: RequestPayload<E>): Promise<AckSuccess<E>> {
    if (this.closed) return Promise.reject(new LiveProgressError('CLOSED', `${event} on a closed client: create a new LiveProgressClient`));
    // Typed loosely on purpose: sendRequest treats every ack as untrusted input and checks its shape.
    const emitter: AckEmitter = (this.socket as unknown as AckEmitter | null) ?? NOT_CONNECTED;
    return sendRequest(emitter, event, payload, this.options.requestTimeoutMs ?? 10_000);
  }

  private async attempt(epoch: number): Promise<void> {
    let token: string | undefined;
    try {
      token = await resolveToken(this.source);
    } catch (error) {
      if (epoch === this.epoch) this.failAttempt(error as LiveProgressError, this.retryStatus());
      return;
    }
    if (epoch !== this.epoch || this.closed) return;
    this.currentToken = token;
    this.expired = false;
    const socket = this.ensureSocket();
    socket.auth = token === undefined ? {} : { token };
    socket.connect();
  }

  private ensureSocket(): LiveSocket {
    if (this.socket) return this.socket;
    const socket: LiveSocket = io(this.options.url, {
      autoConnect: false,
      reconnection: false,
      forceNew: true,
      path: this.options.path ?? '/socket.io',
      transports: this.options.transports ?? ['websocket', 'polling'],
      // Falls back to long-polling when a proxy blocks WebSocket (contract §1).
      tryAllTransports: true,
    });
    socket.on('connect', () => this.onConnect(socket));
    socket.on('connect_error', (error) => this.onConnectError(error));
    socket.on('disconnect', (reason) => this.onDisconnect(reason));
    socket.on(ServerEvent.AUTH_EXPIRED, () => {
      this.expired = true;
    });
    socket.onAny((name: string, payload: unknown) => this.hooks.onServerEvent(name, payload));
    this.socket = socket;
    return socket;
  }

  private onConnect(socket: LiveSocket): void {
    this.clearRetry();
    this.failureCount = 0;
    this.setState({ status: 'connected', error: null, attempt: 0, nextRetryAt: null, socketId: socket.id ?? null });
    this.refresher.start(this.currentToken);
    this.hooks.onConnected();
  }

  private onConnectError(error: Error & { data?: unknown }): void {
    if (!this.wanted) return;
    if (error.message === UNAUTHORIZED_MESSAGE) {
      const raw = (error.data as { code?: unknown } | undefined)?.code;
      const code = typeof raw === 'string' && Object.hasOwn(AuthErrorCode, raw) ? (raw as AuthErrorCode) : 'TOKEN_INVALID';
      const refusal = new LiveProgressError(code, unauthorizedMessage(code, this.source.getToken !== undefined), {
        details: error.data,
      });
      // A fixed token will be refused again: stop instead of hammering the server.
      if (!this.source.getToken) this.setState({ status: 'unauthorized', error: refusal, nextRetryAt: null });
      else this.failAttempt(refusal, 'unauthorized');
      return;
    }
    const failure = new LiveProgressError('CONNECTION_FAILED', `could not reach ${this.options.url}: ${error.message}`, { cause: error });
    this.failureCount += 1;
    this.failAttempt(failure, this.retryStatus());
  }

  private onDisconnect(reason: string): void {
    this.refresher.stop();
    this.hooks.onDisconnected();
    if (!this.wanted || this.closed || reason === 'io client disconnect') return;
    if (this.expired && !this.source.getToken) {
      const error = new LiveProgressError('TOKEN_EXPIRED', 'the token expired and there is no getToken to fetch a new one: call setToken() or pass getToken');
      this.setState({ status: 'unauthorized', error, nextRetryAt: null, socketId: null });
      return;
    }
    const error = this.expired
      ? new LiveProgressError('TOKEN_EXPIRED', 'the token expired; reconnecting with a fresh one from getToken()')
      : new LiveProgressError('DISCONNECTED', `connection lost (${reason}); reconnecting`);
    this.failAttempt(error, 'reconnecting');
  }

  /** Records a failed attempt and schedules the next one, unless reconnection is off or exhausted. */
  private failAttempt(error: LiveProgressError, status: ConnectionStatus): void {
    const attempt = this.state.attempt + 1;
    if (!this.backoff.enabled || attempt > this.backoff.maxAttempts) {
      this.setState({ status: status === 'unauthorized' ? status : 'disconnected', error, attempt, nextRetryAt: null, socketId: null });
      return;
    }
    const delay = computeBackoffDelay(attempt - 1, this.backoff);
    const epoch = this.epoch;
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (epoch !== this.epoch) return;
      this.setState({ status: this.state.status === 'unauthorized' ? 'unauthorized' : 'reconnecting', nextRetryAt: null });
      void this.attempt(epoch);
    }, delay);
    this.setState({ status, error, attempt, nextRetryAt: Date.now() + delay, socketId: null });
  }

  /** An unauthorized refusal stays visible while getToken retries; anything else is plain reconnecting. */
  private retryStatus(): ConnectionStatus {
    return this.state.status === 'unauthorized' ? 'unauthorized' : 'reconnecting';
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private assertOpen(what: string): void {
    if (this.closed) throw new LiveProgressError('CLOSED', `${what} on a closed client: create a new LiveProgressClient`);
  }

  private setState(patch: Partial<ConnectionState>): void {
    const next = { ...this.state, ...patch };
    const keys = Object.keys(next) as (keyof ConnectionState)[];
    if (keys.every((key) => next[key] === this.state[key])) return;
    this.state = Object.freeze(next);
    this.listeners.emit();
  }
}

const NOT_CONNECTED: AckEmitter = { connected: false, timeout: () => ({ emit: () => undefined }) };

export function unauthorizedMessage(code: AuthErrorCode, retrying: boolean): string {
  const why = {
    TOKEN_MISSING: 'no token was sent: pass `token` or `getToken`',
    TOKEN_INVALID: 'the token was rejected (bad signature, algorithm, or missing sub/exp)',
    TOKEN_EXPIRED: 'the token has expired',
    TENANT_MISSING: 'the token carries no tenant claim',
  }[code];
  return `the server refused the connection (${code}): ${why}; ${retrying ? 'retrying with a fresh token from getToken()' : 'not retrying with the same token — call setToken() or connect() again'}`;
}
