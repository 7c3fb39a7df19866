import { type OperationErrorInfo, type OperationSnapshot, OperationErrorCode, Rooms, ServerEvent, isTerminalStatus } from '@liveprogress/protocol';
import type { OperationLifecycle } from '../lifecycle/operation-lifecycle.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import type { OperationEvents } from '../operations/operation-events.js';
import { type LocalCancelOutcome, OperationRuntime } from '../operations/operation-runtime.js';
import { applyWrite } from '../operations/operation-write.js';
import type { ResolvedRuntimeOptions } from '../runtime-options.js';
import type { AppendResult, OperationStore } from '../store/operation-store.js';
import type { ProducerLeases } from '../store/producer-leases.js';
import { withDeadline } from '../store/with-deadline.js';
import type { Broadcaster } from './broadcaster.js';
import { LiveProgressConfigError } from '../errors.js';
import { ClusterMessage } from './cluster-messages.js';

/** The labels of `events_stored_total`, made once rather than per event. */
const STORED_LABELS = {
  'progress.updated': { event: 'progress.updated' },
  'progress.completed': { event: 'progress.completed' },
  'progress.failed': { event: 'progress.failed' },
} as const;

export interface CoordinatorParts {
  store: OperationStore;
  broadcaster: Broadcaster;
  events: OperationEvents;
  lifecycle: OperationLifecycle;
  options: ResolvedRuntimeOptions;
  logger: Logger;
  /** Where events stored, updates reported and failed writes are counted; absent: nowhere. */
  metrics?: Metrics;
}

/** How a cancel ended: `timed_out` when the work did not stop within `cancelTimeoutMs` of its signal firing. */
export type CoordinatedCancelOutcome = 'cancelled' | 'not_found' | 'not_cancellable' | 'timed_out';

/** How a delete ended: `running` while the operation has not finished (nothing is deleted then). */
export type CoordinatedDeleteOutcome = 'deleted' | 'not_found' | 'running';

/**
 * One process's share of the deployment: its running operations (the runtime), delivery
 * of what they store, and what processes do for each other through the Broadcaster —
 * cancels that reach the process running the work, waiting for a subscriber on any
 * process, and ending the operations of a producer that died (the lease sweep). It knows
 * stores only by their interface and declared capabilities.
 */
export class Coordinator {
  readonly runtime: OperationRuntime;
  private readonly leases: ProducerLeases | undefined;
  private readonly subscriberWaiters = new Map<string, Set<() => void>>();
  private readonly timers: Array<ReturnType<typeof setInterval>> = [];
  private stopAnswering: (() => void) | undefined;

  constructor(private readonly parts: CoordinatorParts) {
    const { store, options, lifecycle, logger } = parts;
    this.leases = store.leases?.(options.producerLeaseMs, logger);
    this.runtime = new OperationRuntime({
      store,
      coalesceIntervalMs: options.coalesceIntervalMs,
      deliver: (appended) => this.deliver(appended),
      needsSnapshot: (event) => lifecycle.needsSnapshot(event),
      waitForSubscriber: (id, ms) => this.waitForSubscriber(id, ms),
      ...(this.leases ? { leases: this.leases } : {}),
      ...(parts.metrics ? { metrics: parts.metrics } : {}),
      logger,
    });
  }

  /**
   * Starts answering other processes' cancels and renewing this process's leases;
   * `maintenance` also runs the retention sweep and the lost-producer sweep (servers do,
   * a publisher process leaves them to the servers).
   */
  start(options: { maintenance: boolean }): void {
    this.stopAnswering = this.parts.broadcaster.answer(ClusterMessage.CANCEL, (payload) => {
      const { operationId, cancelledBy } = payload as { operationId: string; cancelledBy?: string };
      return this.cancelHere(operationId, cancelledBy);
    });
    this.leases?.startHeartbeat(
      () => this.runtime.selfRunIds(),
      (ended) => {
        for (const id of ended) this.letGoOfEnded(id);
      },
    );
    if (!options.maintenance) return;
    const { store, options: resolved } = this.parts;
    this.every(Math.min(60_000, resolved.retention.terminalMs), () => store.expire(Date.now()));
    if (this.leases) this.every(Math.min(5000, resolved.producerLeaseMs / 4), () => this.failLostProducers());
    if (store.staleOperations) this.every(Math.min(60_000, resolved.staleAfterMs / 4), () => this.failStalled());
    else this.parts.logger.warn('the operation store has no staleOperations(): silent running operations are not failed STALLED');
  }

  /**
   * Stops the timers, writes what was reported, then stops the heartbeat; the process may still
   * read. Writes wait for a store that is away, but shutdown does not wait for them past
   * `shutdownTimeoutMs`. The leases are renewed until then: a process that is still writing its
   * last events is alive, and another node must not fail its operations PRODUCER_LOST meanwhile.
   */
  async stop(): Promise<void> {
    for (const timer of this.timers.splice(0)) clearInterval(timer);
    this.stopAnswering?.();
    try {
      await withDeadline(this.runtime.flushAll(), this.parts.options.shutdownTimeoutMs, 'flush on shutdown').catch((err: unknown) =>
        this.parts.logger.error(`shutting down with writes not stored: ${String(err)}`),
      );
    } finally {
      this.leases?.stopHeartbeat();
    }
  }

  /** After `stop()`: closes the relay and the notifiers. */
  async close(): Promise<void> {
    await Promise.all([this.parts.events.close(), this.parts.lifecycle.close()]);
  }

  /**
   * Cancels wherever the work runs: here, in another process, or — when nobody runs it — at once.
   * `cancelledBy` (a user id) ends up in the cancelled event's `error.details.cancelledBy`.
   */
  async cancel(snapshot: OperationSnapshot, cancelledBy?: string): Promise<CoordinatedCancelOutcome> {
    if (isTerminalStatus(snapshot.status)) return 'not_cancellable';
    const { operationId } = snapshot;
    let outcome = await this.runtime.cancelLocal(operationId, this.parts.options.cancelTimeoutMs, cancelledBy);
    if (outcome === 'absent' && this.parts.broadcaster.clustered) outcome = await this.cancelElsewhere(operationId, cancelledBy);
    // The cancel of an orphan is a store write: a stalled store answers STORE_UNAVAILABLE, and the write is stored when it returns.
    if (outcome === 'absent') {
      return (await withDeadline(this.runtime.cancelOrphan(snapshot, cancelledBy), this.storeTimeoutMs, 'cancel')) ? 'cancelled' : 'not_cancellable';
    }
    return outcome;
  }

  /**
   * Deletes a finished operation from the store and tells its room (`operation.deleted`, to
   * every node's subscribers through the adapter). Who may delete is the caller's to decide.
   */
  async delete(operationId: string): Promise<CoordinatedDeleteOutcome> {
    const { store } = this.parts;
    if (!store.delete) throw new LiveProgressConfigError('This operation store cannot delete: give it a `delete(operationId)` method (see OperationStore)');
    const outcome = await withDeadline(store.delete(operationId), this.storeTimeoutMs, 'delete');
    if (outcome === 'missing') return 'not_found';
    if (outcome === 'running') return 'running';
    this.parts.broadcaster.emit(Rooms.operation(operationId), ServerEvent.OPERATION_DELETED, { operationId });
    return 'deleted';
  }

  /**
   * Answers another process's cancel at once (the adapter's requests time out in seconds):
   * `accepted` when the work runs here, whose cancel then proceeds in the background.
   */
  cancelHere(operationId: string, cancelledBy?: string): 'accepted' | 'absent' {
    if (!this.runtime.handle(operationId)) return 'absent';
    void this.runtime.cancelLocal(operationId, this.parts.options.cancelTimeoutMs, cancelledBy);
    return 'accepted';
  }

  /** Resolves true once a client subscribes to the operation (in any process), false after `timeoutMs`. */
  async waitForSubscriber(operationId: string, timeoutMs: number): Promise<boolean> {
    if (await this.hasSubscriber(operationId)) return true;
    return new Promise((resolve) => {
      let set = this.subscriberWaiters.get(operationId);
      if (!set) this.subscriberWaiters.set(operationId, (set = new Set()));
      const waiters = set;
      const done = (result: boolean) => {
        clearTimeout(timer);
        clearInterval(poll);
        waiters.delete(wake);
        if (waiters.size === 0) this.subscriberWaiters.delete(operationId);
        resolve(result);
      };
      const wake = () => done(true);
      waiters.add(wake);
      const timer = setTimeout(() => done(false), timeoutMs);
      // Subscribers in other processes are seen through the Broadcaster, so look now and then too.
      const poll = setInterval(() => void this.hasSubscriber(operationId).then((yes) => yes && done(true)), 500);
    });
  }

  /** A client subscribed in this process: wakes whoever waits for one. */
  noteSubscriber(operationId: string): void {
    for (const wake of [...(this.subscriberWaiters.get(operationId) ?? [])]) wake();
  }

  /**
   * Ends operations whose producer stopped renewing its lease: exactly once across processes,
   * by the store's terminal guard. Only once this process has had the store answer it promptly
   * for a whole lease period: an expired lease found earlier may have run out while nobody could
   * reach the store, and its producer re-asserts it when the store is back (docs/scaling.md,
   * "Producer liveness: `PRODUCER_LOST`").
   */
  async failLostProducers(): Promise<number> {
    const leases = this.leases;
    if (!leases) return 0;
    const { options } = this.parts;
    const trusted = () => leases.healthyForMs() >= options.producerLeaseMs;
    if (!trusted()) return 0;
    let failed = 0;
    for (const id of await leases.expired()) {
      // A late answer to expired() (or any stall since) means the store was away after all.
      if (!trusted()) break;
      if (this.runtime.handle(id) && this.runtime.selfRunIds().includes(id)) continue; // ours, and we are alive
      const error = {
        message: `The producer of this operation stopped reporting for ${Math.round(options.producerLeaseMs / 1000)} s`,
        code: OperationErrorCode.PRODUCER_LOST,
      };
      if ((await this.failRunning(id, error)) === 'failed') failed++;
      await leases.forget(id);
    }
    return failed;
  }

  /**
   * Fails running operations that stored nothing (and had no producer heartbeat) for
   * `staleAfterMs` as STALLED: exactly once across processes, by the store's terminal guard,
   * whether or not some process still holds a handle and renews its lease — a leaked handle
   * must not keep an operation nobody updates running for ever. The process holding the
   * handle lets go of it (its `flushed()` rejects with OperationEndedError, its signal aborts):
   * here at once, in another process at its next lease renewal or sweep. With a shared store,
   * only once this process has had it answer promptly for a whole lease period, as for
   * PRODUCER_LOST: writes queued during an outage are stored before anything is judged silent
   * (docs/scaling.md, "Silent operations: `STALLED`").
   */
  async failStalled(): Promise<number> {
    const { store, options } = this.parts;
    const leases = this.leases;
    const trusted = () => !leases || leases.healthyForMs() >= options.producerLeaseMs;
    if (!store.staleOperations || !trusted()) return 0;
    let failed = 0;
    for (const id of await store.staleOperations(options.staleAfterMs)) {
      if (!trusted()) break;
      const error = {
        message: `This operation reported nothing for ${Math.round(options.staleAfterMs / 1000)} s (staleAfterMs)`,
        code: OperationErrorCode.STALLED,
      };
      // Only if nothing was stored since it was read: an operation that just reported is not silent.
      const outcome = await this.failRunning(id, error, { unlessMoved: true });
      if (outcome === 'failed') failed++;
      // Ended now, by another process, or earlier: a handle here has nothing more to write.
      if (outcome !== 'moved') this.letGoOfEnded(id);
    }
    return failed;
  }

  /**
   * Stores the failure of a running operation: `failed` by this call, `ended` when it had ended
   * (or is gone) already, `moved` when `unlessMoved` and an event was stored since it was read.
   */
  private async failRunning(operationId: string, error: OperationErrorInfo, options: { unlessMoved?: boolean } = {}): Promise<'failed' | 'ended' | 'moved'> {
    const snapshot = await this.parts.store.get(operationId);
    if (!snapshot || isTerminalStatus(snapshot.status)) return 'ended';
    // Built as every terminal event is (tasks and counts included), from the stored state.
    const event = applyWrite(snapshot, { kind: 'fail', status: 'failed', error, timestamp: Date.now() }, false);
    // Either way the terminal guard decides, so exactly one process ends it.
    const appended = await this.parts.store.append(operationId, event, { snapshot: true, ...(options.unlessMoved ? { expectedSeq: snapshot.seq } : {}) });
    if (!appended) return 'ended';
    if ('conflict' in appended) return 'moved';
    this.deliver(appended);
    return 'failed';
  }

  /**
   * The store says the operation has ended (a lease renewal refused, a sweep ended it): a handle
   * here that has not finished by itself stops writing. One that is finishing by itself is left
   * to finish: its own terminal write is what ended it.
   */
  private letGoOfEnded(operationId: string): void {
    const handle = this.runtime.handle(operationId);
    if (handle && !handle.isFinished) this.runtime.endedElsewhere(operationId);
  }

  private deliver(appended: AppendResult): void {
    const { events, lifecycle, store, logger, metrics } = this.parts;
    metrics?.increment('events_stored_total', STORED_LABELS[appended.event.event]);
    events.publish(appended.event, appended.broadcast, appended.text);
    const { event, snapshot } = appended;
    if (snapshot) return lifecycle.dispatch(event, snapshot);
    // A store that ignores `AppendOptions` (one written before it) returns none: read it instead.
    if (lifecycle.needsSnapshot(event)) {
      void store.get(event.operationId).then(
        (read) => read && lifecycle.dispatch(event, read),
        (err: unknown) => logger.error(`reading operation ${event.operationId} for its lifecycle hooks failed: ${String(err)}`),
      );
    }
  }

  private async cancelElsewhere(operationId: string, cancelledBy?: string): Promise<LocalCancelOutcome> {
    const answers = await this.parts.broadcaster.ask(ClusterMessage.CANCEL, cancelledBy ? { operationId, cancelledBy } : { operationId });
    if (!answers.includes('accepted')) return 'absent';
    // The work runs in another process: watch the store for its end.
    const deadline = Date.now() + this.parts.options.cancelTimeoutMs;
    while (Date.now() < deadline) {
      const snapshot = await withDeadline(this.parts.store.get(operationId), this.storeTimeoutMs, 'cancel');
      if (!snapshot || isTerminalStatus(snapshot.status)) return 'cancelled';
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return 'timed_out';
  }

  private get storeTimeoutMs(): number {
    return this.parts.options.storeTimeoutMs;
  }

  private async hasSubscriber(operationId: string): Promise<boolean> {
    if (this.parts.events.listenerCount(operationId) > 0) return true;
    return this.parts.broadcaster.hasMembers(Rooms.operation(operationId));
  }

  private every(ms: number, task: () => Promise<unknown>): void {
    const timer = setInterval(() => {
      task().catch((err: unknown) => this.parts.logger.error(`a periodic task failed: ${String(err)}`));
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
