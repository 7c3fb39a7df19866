import { OPERATION_ID_MAX_LENGTH, ServerEvent, type OperationSnapshot, type StoredEvent } from '@liveprogress/protocol';
import { computeBackoffDelay, type BackoffOptions } from './backoff.js';
import { LiveProgressClientError } from './errors.js';
import { DEV, seeDocs } from './dev.js';
import { defaultErrorReporter, ListenerSet, type ErrorReporter } from './listener-set.js';
import { createNotifyScheduler, type NotifyMode, type NotifyScheduler } from './notify-scheduler.js';
import { EMPTY_OPERATION_STATE, type OperationState, type SubscriptionStatus } from './operation-state.js';
import type { OperationObserver } from './inspector.js';
import { OperationTimeline, type TimelineStep } from './operation-timeline.js';
import { isProgressEventName, isSnapshot, isStoredEvent, toStoredEvent } from './progress-event.js';
import type { RequestTransport } from './request.js';

export interface OperationCacheOptions {
  notify?: NotifyMode;
  onError?: ErrorReporter;
  /** Delays between retries of a subscribe that failed transiently (TIMEOUT, RATE_LIMITED, STORE_UNAVAILABLE, INTERNAL). */
  retry?: Partial<BackoffOptions>;
  /** Told of applied events and re-subscribes (the client's inspector). */
  observer?: OperationObserver;
}

export interface WatchedOperationInfo {
  operationId: string;
  refCount: number;
  subscription: SubscriptionStatus;
  lastSeq: number;
}

interface Entry {
  readonly operationId: string;
  readonly timeline: OperationTimeline;
  refCount: number;
  subscription: SubscriptionStatus;
  lastEvent: StoredEvent | null;
  error: LiveProgressClientError | null;
  recovered: boolean | null;
  /** Bumped on every subscribe sent and on disconnect, so a late ack of an old one is ignored. */
  generation: number;
  serverSubscribed: boolean;
  retryAttempt: number;
  retryTimer: ReturnType<typeof setTimeout> | undefined;
  /** Built lazily by getSnapshot; null after a change. */
  state: OperationState | null;
}

const TRANSIENT = new Set(['TIMEOUT', 'RATE_LIMITED', 'STORE_UNAVAILABLE', 'INTERNAL', 'INVALID_RESPONSE']);

/**
 * Reference-counted operation subscriptions with snapshot + replay (docs/protocol.md, From snapshot to live without a gap),
 * shaped for `useSyncExternalStore`: `getSnapshot(id)` + `subscribe(listener, id?)`.
 */
export class OperationCache {
  readonly #entries = new Map<string, Entry>();
  readonly #allListeners: ListenerSet;
  readonly #idListeners = new Map<string, ListenerSet>();
  readonly #eventListeners = new Map<string, ListenerSet<[StoredEvent]>>();
  readonly #dirty = new Set<string>();
  readonly #scheduler: NotifyScheduler;
  readonly #report: ErrorReporter;
  #observer: OperationObserver | undefined;
  #closed = false;

  readonly #transport: RequestTransport;
  readonly #options: OperationCacheOptions;

  constructor(transport: RequestTransport, options: OperationCacheOptions = {}) {
    this.#transport = transport;
    this.#options = options;
    this.#report = options.onError ?? defaultErrorReporter;
    this.#observer = options.observer;
    this.#allListeners = new ListenerSet(this.#report, DEV ? 'an operation store listener' : 'listener');
    this.#scheduler = createNotifyScheduler(options.notify ?? 'frame', () => this.#flush());
  }

  // The public members below are arrow properties: safe to pass around unbound (e.g. into a React hook).

  /**
   * Starts (or joins) watching an operation; the returned release is idempotent. With
   * `initialSnapshot` (a server-rendered page's, docs/react.md, Server rendering) the first
   * subscribe resumes after its seq instead of starting over.
   */
  watch = (operationId: string, options?: { initialSnapshot?: OperationSnapshot | null }): (() => void) => {
    if (this.#closed)
      throw new LiveProgressClientError('CLOSED', DEV ? 'watch() on a closed client: create a new LiveProgressClient' : seeDocs('CLOSED', 'client.md#errors'));
    let entry = this.#entries.get(operationId);
    if (!entry) {
      entry = {
        operationId,
        timeline: new OperationTimeline(),
        refCount: 0,
        subscription: 'idle',
        lastEvent: null,
        error: null,
        recovered: null,
        generation: 0,
        serverSubscribed: false,
        retryAttempt: 0,
        retryTimer: undefined,
        state: null,
      };
      this.#entries.set(operationId, entry);
      const seed = options?.initialSnapshot;
      if (seed && isSnapshot(seed, operationId) && entry.timeline.seed(seed)) this.#markDirty(operationId);
      this.#start(entry);
    }
    entry.refCount += 1;
    const watched = entry;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      watched.refCount -= 1;
      // Deferred a microtask so an unmount + remount in the same tick (React StrictMode)
      // keeps the one server subscription instead of unsubscribing and subscribing again.
      if (watched.refCount === 0) queueMicrotask(() => this.#finalize(watched));
    };
  };

  getSnapshot = (operationId: string): OperationState => {
    const entry = this.#entries.get(operationId);
    if (!entry) return EMPTY_OPERATION_STATE;
    entry.state ??= Object.freeze({
      snapshot: entry.timeline.snapshot,
      lastEvent: entry.lastEvent,
      error: entry.error,
      subscription: entry.subscription,
      recovered: entry.recovered,
      isTerminal: entry.timeline.terminal,
      isLost: entry.subscription === 'lost',
    });
    return entry.state;
  };

  /** Batched change notifications (see `notify`); with an id, only that operation's changes. */
  subscribe = (listener: () => void, operationId?: string): (() => void) =>
    operationId === undefined
      ? this.#allListeners.add(listener)
      : addKeyed(this.#idListeners, operationId, listener, () => new ListenerSet(this.#report, DEV ? `a listener of operation ${operationId}` : operationId));

  /** Every event applied to the operation, in seq order, once, synchronously (for onProgress-style callbacks). */
  onEvent = (operationId: string, handler: (event: StoredEvent) => void): (() => void) =>
    addKeyed(
      this.#eventListeners,
      operationId,
      handler,
      () => new ListenerSet<[StoredEvent]>(this.#report, DEV ? `an event handler of operation ${operationId}` : operationId),
    );

  /** @internal Tells `observer` of applied events and re-subscribes from now on (`inspectClient`, the devtools' view). */
  observe(observer: OperationObserver): void {
    this.#observer = observer;
  }

  watchedOperations(): WatchedOperationInfo[] {
    return [...this.#entries.values()].map((entry) => ({
      operationId: entry.operationId,
      refCount: entry.refCount,
      subscription: entry.subscription,
      lastSeq: entry.timeline.appliedSeq,
    }));
  }

  /** @internal Called by the client with every server event it receives (progress.* and operation.deleted matter here). */
  handleServerEvent(name: string, payload: unknown): void {
    if (name === ServerEvent.OPERATION_DELETED) {
      const operationId = (payload as { operationId?: unknown } | null)?.operationId;
      if (typeof operationId === 'string') {
        this.handleLost(operationId, new LiveProgressClientError('NOT_FOUND', `operation ${operationId} was deleted: it is no longer available`));
      }
      return;
    }
    const event = isProgressEventName(name) ? toStoredEvent(name, payload) : null;
    const entry = event && this.#live(event.operationId);
    if (entry) this.#applyStep(entry, entry.timeline.receiveLive(event as StoredEvent));
  }

  /** @internal A transport without events (polling) saw a newer snapshot of a watched operation. */
  handleSnapshot(snapshot: OperationSnapshot): void {
    const entry = this.#live(snapshot.operationId);
    if (entry && isSnapshot(snapshot, entry.operationId)) this.#applyStep(entry, entry.timeline.receiveSnapshot(snapshot));
  }

  /** @internal The server no longer has a watched operation (deleted, expired, or lost in a restart). */
  handleLost(operationId: string, error: LiveProgressClientError): void {
    const entry = this.#live(operationId);
    if (!entry) return;
    this.#detach(entry);
    this.#fail(entry, error);
  }

  /** @internal The transport (re)connected: re-subscribe everything still open, with afterSeq. */
  handleConnected(): void {
    for (const entry of this.#entries.values()) {
      if (entry.refCount === 0) continue;
      clearTimeout(entry.retryTimer);
      entry.retryAttempt = 0;
      if (!isFinal(entry)) this.#start(entry);
    }
  }

  /** @internal The transport dropped: server subscriptions and pending acks are gone with it. */
  handleDisconnected(): void {
    for (const entry of this.#entries.values()) {
      this.#detach(entry);
      entry.timeline.reset();
      if (!isFinal(entry) && !entry.timeline.terminal) this.#waitForAck(entry);
    }
  }

  close(): void {
    this.#closed = true;
    this.#scheduler.cancel();
    for (const entry of this.#entries.values()) clearTimeout(entry.retryTimer);
    this.#entries.clear();
    this.#dirty.clear();
    this.#allListeners.clear();
    this.#idListeners.clear();
    this.#eventListeners.clear();
  }

  /**
   * The entry of a watched operation that can still change; none once closed. A lost one keeps its last
   * state: nothing the server still sends about it (a race with its deletion) applies.
   */
  #live(operationId: string): Entry | undefined {
    const entry = this.#closed ? undefined : this.#entries.get(operationId);
    return entry?.subscription === 'lost' ? undefined : entry;
  }

  #start(entry: Entry): void {
    const { operationId } = entry;
    if (typeof operationId !== 'string' || operationId.length === 0 || operationId.length > OPERATION_ID_MAX_LENGTH) {
      this.#fail(
        entry,
        new LiveProgressClientError(
          'INVALID_ARGUMENT',
          DEV ? `operationId must be a string of 1 to ${OPERATION_ID_MAX_LENGTH} characters` : seeDocs('INVALID_ARGUMENT', 'client.md#following-operations'),
        ),
      );
      return;
    }
    // A finished operation has nothing more to say: no need to subscribe again after a reconnect.
    if (entry.timeline.terminal) return;
    if (this.#transport.connected) this.#sendSubscribe(entry);
    else this.#waitForAck(entry);
  }

  #sendSubscribe(entry: Entry): void {
    const generation = ++entry.generation;
    const { operationId, timeline } = entry;
    const afterSeq = timeline.snapshot ? timeline.appliedSeq : undefined;
    timeline.beginSubscribe();
    this.#waitForAck(entry);
    this.#transport.request('operation.subscribe', afterSeq === undefined ? { operationId } : { operationId, afterSeq }).then(
      (ack) => {
        if (!this.#isCurrent(entry, generation)) return;
        if (!isSnapshot(ack.snapshot, operationId) || !Array.isArray(ack.events)) {
          this.#onSubscribeError(
            entry,
            new LiveProgressClientError(
              'INVALID_RESPONSE',
              DEV ? 'operation.subscribe ack has no valid snapshot/events' : seeDocs('INVALID_RESPONSE', 'client.md#errors'),
            ),
          );
          return;
        }
        entry.serverSubscribed = true;
        entry.retryAttempt = 0;
        const step = timeline.receiveAck({ snapshot: ack.snapshot, events: ack.events.filter(isStoredEvent) });
        if (afterSeq !== undefined) {
          entry.recovered = ack.recovered === true && step.complete;
          this.#observer?.resubscribed(operationId, entry.recovered);
        }
        this.#update(entry, { error: null, subscription: 'subscribed' });
        this.#applyStep(entry, step);
      },
      (error: unknown) => {
        if (this.#isCurrent(entry, generation))
          this.#onSubscribeError(
            entry,
            error instanceof LiveProgressClientError ? error : new LiveProgressClientError('INTERNAL', String(error), { cause: error }),
          );
      },
    );
  }

  #onSubscribeError(entry: Entry, error: LiveProgressClientError): void {
    // DISCONNECTED: handleConnected re-subscribes. Transient: retry with backoff. Otherwise it is final
    // (NOT_FOUND: the operation is lost, see SubscriptionStatus).
    if (error.code === 'DISCONNECTED') return;
    if (!TRANSIENT.has(error.code)) return this.#fail(entry, error);
    this.#update(entry, { error });
    const delay = computeBackoffDelay(entry.retryAttempt++, this.#options.retry);
    entry.retryTimer = setTimeout(() => {
      if (this.#entries.get(entry.operationId) === entry && this.#transport.connected) this.#sendSubscribe(entry);
    }, delay);
  }

  #applyStep(entry: Entry, { applied, changed, gap }: TimelineStep): void {
    if (changed) {
      this.#update(entry, { lastEvent: applied.at(-1) ?? entry.lastEvent });
      const handlers = this.#eventListeners.get(entry.operationId);
      if (handlers) for (const event of applied) handlers.emit(event);
      this.#observer?.applied(entry.operationId, applied);
    }
    // A live seq gap: ask again from the last applied seq; the ack fills the hole.
    if (gap && this.#transport.connected && this.#entries.get(entry.operationId) === entry) this.#sendSubscribe(entry);
  }

  #finalize(entry: Entry): void {
    if (entry.refCount > 0 || this.#entries.get(entry.operationId) !== entry) return;
    this.#entries.delete(entry.operationId);
    const wasSubscribed = entry.serverSubscribed || entry.subscription === 'subscribing' || entry.subscription === 'resubscribing';
    this.#detach(entry);
    if (wasSubscribed && this.#transport.connected) {
      // Best effort: a failure only means the server drops the room with the socket later.
      this.#transport.request('operation.unsubscribe', { operationId: entry.operationId }).catch(() => undefined);
    }
    this.#markDirty(entry.operationId);
  }

  /** The server-side subscription is gone: no retry, and an ack still on its way is ignored. */
  #detach(entry: Entry): void {
    clearTimeout(entry.retryTimer);
    entry.generation += 1;
    entry.serverSubscribed = false;
  }

  #fail(entry: Entry, error: LiveProgressClientError): void {
    // NOT_FOUND is the server's one answer for an operation that is gone (or never was visible): nothing more will come.
    this.#update(entry, { error, subscription: error.code === 'NOT_FOUND' ? 'lost' : 'error' });
  }

  /** Subscribing, or re-subscribing when there is a snapshot to resume from, until the ack. */
  #waitForAck(entry: Entry): void {
    const subscription = entry.timeline.snapshot ? 'resubscribing' : 'subscribing';
    if (entry.subscription !== subscription) this.#update(entry, { subscription });
  }

  /** Every change of an entry goes through here: its state is rebuilt on the next read and its listeners told. */
  #update(entry: Entry, patch: Partial<Entry>): void {
    Object.assign(entry, patch, { state: null });
    this.#markDirty(entry.operationId);
  }

  #isCurrent(entry: Entry, generation: number): boolean {
    return !this.#closed && entry.generation === generation && this.#entries.get(entry.operationId) === entry;
  }

  #markDirty(operationId: string): void {
    if (this.#closed) return;
    this.#dirty.add(operationId);
    this.#scheduler.schedule();
  }

  #flush(): void {
    const ids = [...this.#dirty];
    this.#dirty.clear();
    for (const id of ids) this.#idListeners.get(id)?.emit();
    if (ids.length > 0) this.#allListeners.emit();
  }
}

/** Failed for good or lost: a re-subscribe would not change that. */
function isFinal(entry: Entry): boolean {
  return entry.subscription === 'error' || entry.subscription === 'lost';
}

/** Adds a listener to the operation's own set, made on first use and dropped with its last listener. */
function addKeyed<Args extends unknown[]>(
  sets: Map<string, ListenerSet<Args>>,
  operationId: string,
  listener: (...args: Args) => void,
  create: () => ListenerSet<Args>,
): () => void {
  let set = sets.get(operationId);
  if (!set) {
    set = create();
    sets.set(operationId, set);
  }
  const off = set.add(listener);
  const owner = set;
  return () => {
    off();
    if (owner.size === 0 && sets.get(operationId) === owner) sets.delete(operationId);
  };
}
