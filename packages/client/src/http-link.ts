import { AuthErrorCode } from '@liveprogress/protocol';
import { computeBackoffDelay, type BackoffOptions } from './backoff.js';
import { initialStateOf, type ConnectionState, type ConnectionStatus } from './connection-state.js';
import { unauthorizedMessage } from './connection.js';
import { LiveProgressError } from './errors.js';
import { isAuthFailure, isLinkFailure, isTransportFailure, type HttpApi } from './http-api.js';
import { ListenerSet, type ErrorReporter } from './listener-set.js';
import type { TransportKind } from './transport.js';

export interface HttpLinkDeps {
  kind: TransportKind;
  api: HttpApi;
  backoff: BackoffOptions & { enabled: boolean };
  canRefreshToken: () => boolean;
  report: ErrorReporter;
  onConnected: () => void;
  /** Left 'connected' (failure or disconnect()): the transport drops its streams or polls, the store re-subscribes later. */
  onDisconnected: () => void;
}

/**
 * The connection status of an HTTP transport, which has no connection of its own:
 * "connected" means an authenticated probe (`GET {prefix}?limit=1`) answered, and
 * holds until a request finds the server unreachable or refuses the token. Then it
 * retries with the same backoff, token rules and statuses as the socket.
 */
export class HttpLink {
  private state: ConnectionState;
  private readonly listeners: ListenerSet;
  private epoch = 0;
  private wanted = false;
  private closed = false;
  private failureCount = 0;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly deps: HttpLinkDeps) {
    this.state = initialStateOf(deps.kind);
    this.listeners = new ListenerSet(deps.report, 'a connection listener');
  }

  get connected(): boolean {
    return this.state.status === 'connected';
  }

  get failures(): number {
    return this.failureCount;
  }

  getSnapshot = (): ConnectionState => this.state;

  subscribe = (listener: () => void): (() => void) => this.listeners.add(listener);

  connect(): void {
    if (this.closed) return;
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
    const wasConnected = this.connected;
    this.wanted = false;
    this.epoch += 1;
    this.clearRetry();
    this.setState({ status: 'disconnected', error: null, nextRetryAt: null });
    if (wasConnected) this.deps.onDisconnected();
  }

  close(): void {
    if (this.closed) return;
    this.disconnect();
    this.closed = true;
    this.listeners.clear();
  }

  /** The transport proved it works (a stream opened, a poll answered): the failure count starts again. */
  markWorking(): void {
    this.failureCount = 0;
  }

  /** A request failed. Unreachable, refused or tokenless: leave 'connected' and retry; anything else is the request's own business. */
  fail(error: LiveProgressError): void {
    if (!this.connected || !isLinkFailure(error)) return;
    this.epoch += 1;
    const status: ConnectionStatus = isAuthFailure(error) ? 'unauthorized' : 'reconnecting';
    this.failAttempt(error, status);
    this.deps.onDisconnected();
  }

  /** A new token after an auth refusal: try again at once. */
  retryIfUnauthorized(): void {
    if (this.state.status !== 'unauthorized' || this.closed) return;
    this.wanted = false;
    this.connect();
  }

  private async attempt(epoch: number): Promise<void> {
    // Asked again before every attempt, like the socket's handshake.
    this.deps.api.forgetToken();
    try {
      await this.deps.api.probe();
    } catch (caught) {
      if (epoch !== this.epoch || this.closed) return;
      const error = caught instanceof LiveProgressError ? caught : new LiveProgressError('CONNECTION_FAILED', String(caught), { cause: caught });
      // As on the socket, an auth refusal stays visible while getToken retries.
      this.failAttempt(error, isAuthFailure(error) || this.state.status === 'unauthorized' ? 'unauthorized' : 'reconnecting');
      return;
    }
    if (epoch !== this.epoch || this.closed) return;
    this.clearRetry();
    this.setState({ status: 'connected', error: null, attempt: 0, nextRetryAt: null });
    this.deps.onConnected();
  }

  private failAttempt(caught: LiveProgressError, status: ConnectionStatus): void {
    let error = caught;
    if (isTransportFailure(error)) this.failureCount += 1;
    if (isAuthFailure(error)) {
      const retrying = this.deps.canRefreshToken();
      error = new LiveProgressError(error.code, unauthorizedMessage(error.code as AuthErrorCode, retrying), { cause: caught, details: caught.details });
      // A fixed token will be refused again: stop instead of hammering the server.
      if (!retrying) {
        this.clearRetry();
        this.setState({ status: 'unauthorized', error, nextRetryAt: null });
        return;
      }
    }
    const attempt = this.state.attempt + 1;
    if (!this.deps.backoff.enabled || attempt > this.deps.backoff.maxAttempts) {
      this.setState({ status: status === 'unauthorized' ? status : 'disconnected', error, attempt, nextRetryAt: null });
      return;
    }
    const delay = computeBackoffDelay(attempt - 1, this.deps.backoff);
    const epoch = this.epoch;
    this.clearRetry();
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (epoch !== this.epoch) return;
      this.setState({ status: this.state.status === 'unauthorized' ? 'unauthorized' : 'reconnecting', nextRetryAt: null });
      void this.attempt(epoch);
    }, delay);
    this.setState({ status, error, attempt, nextRetryAt: Date.now() + delay });
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private setState(patch: Partial<ConnectionState>): void {
    const next = { ...this.state, ...patch };
    const keys = Object.keys(next) as (keyof ConnectionState)[];
    if (keys.every((key) => next[key] === this.state[key])) return;
    this.state = Object.freeze(next);
    this.listeners.emit();
  }
}
