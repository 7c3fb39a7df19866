import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import {
  type ContractOperation,
  type ContractStartInput,
  startFromContract,
  Coordinator,
  type CoordinatedCancelOutcome,
  canDelete,
  type EventsAfter,
  type Metrics,
  type Operation,
  OperationEvents,
  type OperationHandle,
  OperationLifecycle,
  type OperationStore,
  SocketIoBroadcaster,
  type StartOperationInput,
  canSee,
  currentOperation,
  isAdmin,
  LiveProgressError,
  runWithOperation,
  StoreUnavailableError,
  withDeadline,
} from '@liveprogress/core';
import { type AnyOperationContract, Limits, isOperationContract, type OperationSnapshot, type OperationStatus } from '@liveprogress/protocol';
import type { AuthUser } from '../auth/auth-user.js';
import type { ResolvedOptions } from '../live-progress.options.js';
import { LIVE_PROGRESS_METRICS, OPERATION_STORE, RESOLVED_OPTIONS } from '../live-progress.tokens.js';

/** `timed_out`: the work did not stop within `cancelTimeoutMs` of its signal firing. */
export type CancelOutcome = CoordinatedCancelOutcome;

/** `running`: it has not finished (nothing deleted); `forbidden`: the user may see it but is neither its owner nor a tenant admin. */
export type DeleteOutcome = 'deleted' | 'not_found' | 'running' | 'forbidden';

/**
 * The API application code uses to run operations, and the one the gateway and HTTP
 * layer ask: the core's Coordinator, bound to Nest's lifecycle, plus who may see what.
 */
@Injectable()
export class OperationsService implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly coordinator: Coordinator;

  constructor(
    @Inject(OPERATION_STORE) private readonly store: OperationStore,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
    events: OperationEvents,
    lifecycle: OperationLifecycle,
    broadcaster: SocketIoBroadcaster,
    @Inject(LIVE_PROGRESS_METRICS) private readonly metrics: Metrics,
  ) {
    this.coordinator = new Coordinator({ store, broadcaster, events, lifecycle, options, metrics, logger: new Logger('LiveProgress') });
  }

  onApplicationBootstrap(): void {
    this.coordinator.start({ maintenance: true });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.coordinator.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.coordinator.close();
  }

  /** Starts an operation now and returns its handle; the snapshot is stored before any event. */
  start<C extends AnyOperationContract>(contract: C, input: ContractStartInput<C>): ContractOperation<C>;
  start(input: StartOperationInput): OperationHandle;
  start<C extends AnyOperationContract>(first: C | StartOperationInput, input?: ContractStartInput<C>): ContractOperation<C> | OperationHandle {
    const start = (untyped: StartOperationInput) => this.coordinator.runtime.start(untyped);
    // A contract (docs/typed-operations.md) types the handle and validates what it reports.
    return isOperationContract(first) ? startFromContract(start, first, input ?? ({} as ContractStartInput<C>)) : start(first);
  }

  /** @internal For WebSocketService (a type named later) and HTTP ingest (work that runs elsewhere). */
  register(input: StartOperationInput, options: { placeholderType?: boolean; remote?: boolean }): OperationHandle {
    return this.coordinator.runtime.start(input, options);
  }

  /** @internal Drops this process's handle of an operation the store says has ended (through another process). */
  forgetEnded(operationId: string): void {
    this.coordinator.runtime.endedElsewhere(operationId);
  }

  /** @internal Renews the producer lease of an operation reported on over HTTP. */
  touch(operationId: string): void {
    this.coordinator.runtime.touch(operationId);
  }

  /** @internal A producer's explicit heartbeat over HTTP: activity, so the operation is not failed STALLED. */
  heartbeat(operationId: string): Promise<void> {
    return this.bounded(this.coordinator.runtime.markActive(operationId), 'heartbeat');
  }

  /** Runs `fn` with `operation` bound to the async context: `currentOperation()` anywhere below returns it. */
  run<T>(operation: Operation, fn: () => T): T {
    return runWithOperation(operation, fn);
  }

  /** The operation bound by `run()`, or a no-op one. */
  current(): Operation {
    return currentOperation();
  }

  /** The running handle of an operation in this process, if any. */
  handle(operationId: string): OperationHandle | undefined {
    return this.coordinator.runtime.handle(operationId);
  }

  /** Takes over an operation stored elsewhere (another process, or before a restart) so this process can report on it. */
  adopt(snapshot: OperationSnapshot, options: { remote?: boolean; placeholderType?: boolean } = {}): OperationHandle {
    return this.coordinator.runtime.adopt(snapshot, options);
  }

  // The reads below serve client requests (HTTP, socket acks, SSE set-up): each waits on the
  // store at most `storeTimeoutMs`, then throws StoreUnavailableError, which the gateway acks
  // and the HTTP layer answers as STORE_UNAVAILABLE (503) — docs/protocol.md, HTTP and Server-Sent Events.

  /** The stored snapshot; StoreUnavailableError when the store does not answer within `storeTimeoutMs`. */
  get(operationId: string): Promise<OperationSnapshot | null> {
    return this.bounded(this.store.get(operationId), 'get');
  }

  /** The operation if `user` may see it, else null: the caller answers NOT_FOUND either way. */
  async getVisible(user: AuthUser, operationId: string): Promise<OperationSnapshot | null> {
    const snapshot = await this.get(operationId);
    return snapshot && canSee(user, snapshot, this.options.adminRoles) ? snapshot : null;
  }

  /** A replay (socket subscribe with afterSeq, SSE with Last-Event-ID); counted, with those that could not be recovered. */
  async eventsAfter(operationId: string, afterSeq: number): Promise<EventsAfter> {
    const replay = await this.bounded(this.store.eventsAfter(operationId, afterSeq), 'eventsAfter');
    this.metrics.increment('replays_total');
    if (!replay.recovered) this.metrics.increment('replays_unrecovered_total');
    return replay;
  }

  listVisible(user: AuthUser, filter: { status?: OperationStatus; operationType?: string; limit?: number }): Promise<OperationSnapshot[]> {
    const list = this.store.list({
      tenantId: user.tenantId,
      ...(isAdmin(user, this.options.adminRoles) ? {} : { viewerId: user.userId }),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.operationType ? { operationType: filter.operationType } : {}),
      limit: filter.limit ?? Limits.LIST_LIMIT_DEFAULT,
    });
    return this.bounded(list, 'list');
  }

  /**
   * Waits for what `handle` reported to be stored, at most `storeTimeoutMs` (HTTP ingest answers
   * only once the event is stored). Past it the write stays queued and is stored when the store returns.
   */
  flushedFor(handle: OperationHandle): Promise<void> {
    return this.bounded(handle.flushed(), 'write');
  }

  private bounded<T>(call: Promise<T>, what: string): Promise<T> {
    return this.counted(withDeadline(call, this.options.storeTimeoutMs, what), what);
  }

  /**
   * Counts a store call that missed its deadline (answered STORE_UNAVAILABLE) or failed, by its
   * kind; the runtime's own refusals (an operation that already ended) are no store error.
   */
  private counted<T>(call: Promise<T>, what: string): Promise<T> {
    return call.catch((err: unknown) => {
      if (err instanceof StoreUnavailableError) this.metrics.increment('store_unavailable_total', { operation: what });
      else if (!(err instanceof LiveProgressError)) this.metrics.increment('store_errors_total', { operation: what });
      throw err;
    });
  }

  /** Cancels wherever the work runs: here, on another node or in a publisher process; an operation nobody runs ends at once. */
  async cancel(user: AuthUser, operationId: string): Promise<CancelOutcome> {
    const snapshot = await this.getVisible(user, operationId);
    if (!snapshot) return 'not_found';
    return this.counted(this.coordinator.cancel(snapshot, user.userId), 'cancel');
  }

  /**
   * Deletes a finished operation: its snapshot, events and every list entry, on every node;
   * its room hears `operation.deleted`, and from then on it is NOT_FOUND everywhere. With
   * `user` (a client's request), the contract's rules apply: `not_found` unless the user may
   * see it, `forbidden` unless they own it or are a tenant admin; without, it is the
   * application's own clean-up and nothing is checked. `running` (nothing deleted) while it runs.
   */
  async delete(operationId: string, user?: AuthUser): Promise<DeleteOutcome> {
    if (user) {
      const snapshot = await this.getVisible(user, operationId);
      if (!snapshot) return 'not_found';
      if (!canDelete(user, snapshot, this.options.adminRoles)) return 'forbidden';
    }
    return this.coordinator.delete(operationId);
  }

  /** Resolves true once a client subscribes to the operation (on any node), false after `timeoutMs`. */
  waitForSubscriber(operationId: string, timeoutMs: number): Promise<boolean> {
    return this.coordinator.waitForSubscriber(operationId, timeoutMs);
  }

  /** Called by the gateway when a client subscribed here. */
  noteSubscriber(operationId: string): void {
    this.coordinator.noteSubscriber(operationId);
  }

  /** Ends operations whose producer stopped renewing its lease (run periodically; exposed for tests and operators). */
  failLostProducers(): Promise<number> {
    return this.coordinator.failLostProducers();
  }

  /** Fails running operations silent for `staleAfterMs` as STALLED (run periodically; exposed for tests and operators). */
  failStalled(): Promise<number> {
    return this.coordinator.failStalled();
  }
}
