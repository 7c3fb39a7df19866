import { computeBackoffDelay, type BackoffOptions } from './backoff.js';
import type { ConnectionState, ConnectionStatus } from './connection-state.js';
import { DEV } from './dev.js';
import type { LiveProgressClientError } from './errors.js';
import { ListenerSet, type ErrorReporter } from './listener-set.js';

export interface ReconnectLoopOptions {
  initial: ConnectionState;
  backoff: BackoffOptions & { enabled: boolean };
  report: ErrorReporter;
  /**
   * Makes one attempt to get through. It reports back with `connected()` or `failed()`,
   * and gives up quietly when `isCurrent(epoch)` no longer holds.
   */
  attempt: (epoch: number) => void | Promise<void>;
  /** A first attempt begins (connect(), or start(true) after a refusal), before the status says so. */
  onStart?: () => void;
}

/**
 * The status and retry schedule every transport shares: connect, fail, wait with
 * exponential backoff and jitter, try again; stop for good when told to, when the
 * attempts run out, or on an auth refusal that a fresh token cannot fix. The
 * transport only says how an attempt is made and what counts as a failure. Its state
 * is immutable and keeps its identity until something changes, for useSyncExternalStore.
 */
export class ReconnectLoop {
  #state: ConnectionState;
  readonly #listeners: ListenerSet;
  /** Bumped by start()/stop() and by a transport that drops an attempt: an attempt from an older epoch gives up. */
  #epoch = 0;
  #wanted = false;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;

  readonly #options: ReconnectLoopOptions;

  constructor(options: ReconnectLoopOptions) {
    this.#options = options;
    this.#state = options.initial;
    this.#listeners = new ListenerSet(options.report, DEV ? 'a connection listener' : 'listener');
  }

  getSnapshot = (): ConnectionState => this.#state;

  subscribe = (listener: () => void): (() => void) => this.#listeners.add(listener);

  get status(): ConnectionStatus {
    return this.#state.status;
  }

  /** Whether connect() was asked for and not since undone by disconnect(). */
  get isWanted(): boolean {
    return this.#wanted;
  }

  isCurrent(epoch: number): boolean {
    return epoch === this.#epoch;
  }

  /**
   * Starts a first attempt; false when already connected or on the way there, unless
   * `over` (a new token after a refusal: start again whatever the loop was doing).
   */
  start(over = false): boolean {
    const { status } = this.#state;
    if (!over && this.#wanted && (status === 'connecting' || status === 'connected' || status === 'reconnecting')) return false;
    this.#wanted = true;
    this.#epoch += 1;
    this.#clearRetry();
    this.#options.onStart?.();
    this.setState({ status: 'connecting', error: null, attempt: 0, nextRetryAt: null });
    void this.#options.attempt(this.#epoch);
    return true;
  }

  /** Stops retrying and says disconnected; `whileStopping` tears the transport down before the status changes. */
  stop(whileStopping?: () => void): void {
    this.#wanted = false;
    this.invalidate();
    whileStopping?.();
    this.setState({ status: 'disconnected', error: null, nextRetryAt: null, socketId: null });
  }

  /** Makes the attempt in flight (and any scheduled one) stale. */
  invalidate(): void {
    this.#epoch += 1;
    this.#clearRetry();
  }

  connected(patch: Partial<ConnectionState> = {}): void {
    this.#clearRetry();
    this.setState({ status: 'connected', error: null, attempt: 0, nextRetryAt: null, ...patch });
  }

  /** Records a failed attempt and schedules the next one, unless reconnection is off or exhausted. */
  failed(error: LiveProgressClientError, status: ConnectionStatus): void {
    const { backoff } = this.#options;
    const attempt = this.#state.attempt + 1;
    if (!backoff.enabled || attempt > backoff.maxAttempts) {
      this.setState({ status: status === 'unauthorized' ? status : 'disconnected', error, attempt, nextRetryAt: null, socketId: null });
      return;
    }
    const delay = computeBackoffDelay(attempt - 1, backoff);
    const epoch = this.#epoch;
    this.#clearRetry();
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (epoch !== this.#epoch) return;
      this.setState({ status: this.retryStatus(), nextRetryAt: null });
      void this.#options.attempt(epoch);
    }, delay);
    this.setState({ status, error, attempt, nextRetryAt: Date.now() + delay, socketId: null });
  }

  /** Ends retrying on a refusal the same token would meet again: only a new token (restart()) goes on. */
  refused(error: LiveProgressClientError): void {
    this.#clearRetry();
    this.setState({ status: 'unauthorized', error, nextRetryAt: null, socketId: null });
  }

  /** An unauthorized refusal stays visible while getToken retries; anything else is plain reconnecting. */
  retryStatus(): ConnectionStatus {
    return this.#state.status === 'unauthorized' ? 'unauthorized' : 'reconnecting';
  }

  setState(patch: Partial<ConnectionState>): void {
    const next = { ...this.#state, ...patch };
    const keys = Object.keys(next) as (keyof ConnectionState)[];
    if (keys.every((key) => next[key] === this.#state[key])) return;
    this.#state = Object.freeze(next);
    this.#listeners.emit();
  }

  dispose(): void {
    this.#clearRetry();
    this.#listeners.clear();
  }

  #clearRetry(): void {
    if (this.#retryTimer) clearTimeout(this.#retryTimer);
    this.#retryTimer = null;
  }
}
