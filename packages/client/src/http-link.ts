import type { AuthErrorCode } from '@liveprogress/protocol';
import type { BackoffOptions } from './backoff.js';
import { initialStateOf, type ConnectionState, type ConnectionStatus } from './connection-state.js';
import { unauthorizedMessage } from './unauthorized-message.js';
import { LiveProgressClientError } from './errors.js';
import { isAuthFailure, isLinkFailure, isTransportFailure, type HttpApi } from './http-api.js';
import type { ErrorReporter } from './listener-set.js';
import { ReconnectLoop } from './reconnect-loop.js';
import type { TransportKind } from './transport.js';

export interface HttpLinkDeps {
  kind: TransportKind;
  api: HttpApi;
  backoff: BackoffOptions & { enabled: boolean };
  canRefreshToken: () => boolean;
  report: ErrorReporter;
  /** After the probe, before 'connected': what must be in place first (the room-event stream); throwing fails the attempt. */
  prepare?: () => Promise<void>;
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
  private readonly loop: ReconnectLoop;
  private closed = false;
  private failureCount = 0;

  constructor(private readonly deps: HttpLinkDeps) {
    this.loop = new ReconnectLoop({
      initial: initialStateOf(deps.kind),
      backoff: deps.backoff,
      report: deps.report,
      attempt: (epoch) => this.attempt(epoch),
      onStart: () => {
        this.failureCount = 0;
      },
    });
  }

  get connected(): boolean {
    return this.loop.status === 'connected';
  }

  get failures(): number {
    return this.failureCount;
  }

  getSnapshot = (): ConnectionState => this.loop.getSnapshot();

  subscribe = (listener: () => void): (() => void) => this.loop.subscribe(listener);

  connect(): void {
    if (this.closed) return;
    this.loop.start();
  }

  disconnect(): void {
    if (this.closed) return;
    const wasConnected = this.connected;
    this.loop.stop();
    if (wasConnected) this.deps.onDisconnected();
  }

  close(): void {
    if (this.closed) return;
    this.disconnect();
    this.closed = true;
    this.loop.dispose();
  }

  /** The transport proved it works (a stream opened, a poll answered): the failure count starts again. */
  markWorking(): void {
    this.failureCount = 0;
  }

  /** A request failed. Unreachable, refused or tokenless: leave 'connected' and retry; anything else is the request's own business. */
  fail(error: LiveProgressClientError): void {
    if (!this.connected || !isLinkFailure(error)) return;
    this.loop.invalidate();
    const status: ConnectionStatus = isAuthFailure(error) ? 'unauthorized' : 'reconnecting';
    this.failAttempt(error, status);
    this.deps.onDisconnected();
  }

  /** A new token after an auth refusal: try again at once. */
  retryIfUnauthorized(): void {
    if (this.loop.status !== 'unauthorized' || this.closed) return;
    this.loop.start(true);
  }

  private async attempt(epoch: number): Promise<void> {
    // Asked again before every attempt, like the socket's handshake.
    this.deps.api.forgetToken();
    try {
      await this.deps.api.probe();
      await this.deps.prepare?.();
    } catch (caught) {
      if (!this.loop.isCurrent(epoch) || this.closed) return;
      const error = caught instanceof LiveProgressClientError ? caught : new LiveProgressClientError('CONNECTION_FAILED', String(caught), { cause: caught });
      // As on the socket, an auth refusal stays visible while getToken retries.
      this.failAttempt(error, isAuthFailure(error) ? 'unauthorized' : this.loop.retryStatus());
      return;
    }
    if (!this.loop.isCurrent(epoch) || this.closed) return;
    this.loop.connected();
    this.deps.onConnected();
  }

  private failAttempt(caught: LiveProgressClientError, status: ConnectionStatus): void {
    let error = caught;
    if (isTransportFailure(error)) this.failureCount += 1;
    if (isAuthFailure(error)) {
      const retrying = this.deps.canRefreshToken();
      error = new LiveProgressClientError(error.code, unauthorizedMessage(error.code as AuthErrorCode, retrying), { cause: caught, details: caught.details });
      // A fixed token will be refused again: stop instead of hammering the server.
      if (!retrying) return this.loop.refused(error);
    }
    this.loop.failed(error, status);
  }
}
