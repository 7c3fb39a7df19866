import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import {
  Limits,
  type OperationSnapshot,
  type OperationStatus,
  OperationErrorCode,
  Rooms,
  isTerminalStatus,
} from '@liveprogress/protocol';
import type { AuthUser } from '../auth/auth-user.js';
import { ClusterMessage } from '../cluster-messages.js';
import { SocketServerRef } from '../gateway/socket-server.ref.js';
import { OperationLifecycle } from '../lifecycle/operation-lifecycle.js';
import type { ResolvedOptions } from '../live-progress.options.js';
import { RESOLVED_OPTIONS } from '../live-progress.tokens.js';
import { RedisConnection } from '../redis/redis-connection.js';
import { RedisLeases } from '../redis/redis-leases.js';
import { RedisOperationStore } from '../redis/redis-operation.store.js';
import { type AppendResult, type EventsAfter, OPERATION_STORE, type OperationStore } from '../store/operation-store.interface.js';
import type { Operation } from './operation.js';
import { currentOperation, runWithOperation } from './operation-context.js';
import { OperationEvents } from './operation-events.js';
import type { OperationHandle } from './operation-handle.js';
import { type LocalCancelOutcome, OperationRuntime } from './operation-runtime.js';
import type { StartOperationInput } from './start-operation-input.js';
import { canSee, isAdmin } from './visibility.js';

/** `timed_out`: the work did not stop within `cancelTimeoutMs` of its signal firing. */
export type CancelOutcome = 'cancelled' | 'not_found' | 'not_cancellable' | 'timed_out';

/** The API application code uses to run operations, and the one the gateway and HTTP layer ask. */
@Injectable()
export class OperationsService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('LiveProgress');
  private readonly runtime: OperationRuntime;
  private readonly leases: RedisLeases | undefined;
  private readonly subscriberWaiters = new Map<string, Set<() => void>>();
  private timers: Array<ReturnType<typeof setInterval>> = [];

  constructor(
    @Inject(OPERATION_STORE) private readonly store: OperationStore,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
    private readonly events: OperationEvents,
    private readonly lifecycle: OperationLifecycle,
    private readonly sockets: SocketServerRef,
    redis: RedisConnection,
  ) {
    if (redis.client && store instanceof RedisOperationStore) {
      this.leases = new RedisLeases(redis.client, store.keys, options.producerLeaseMs);
    }
    this.runtime = new OperationRuntime({
      store,
      coalesceIntervalMs: options.coalesceIntervalMs,
      deliver: (appended) => this.deliver(appended),
      needsSnapshot: (event) => this.lifecycle.needsSnapshot(event),
      waitForSubscriber: (id, ms) => this.waitForSubscriber(id, ms),
      ...(this.leases ? { leases: this.leases } : {}),
      logger: this.logger,
    });
  }

  onApplicationBootstrap(): void {
    this.every(Math.min(60_000, this.options.retention.terminalMs), () => this.store.expire(Date.now()));
    if (this.leases) {
      this.leases.startHeartbeat(() => this.runtime.selfRunIds());
      this.every(Math.min(5000, this.options.producerLeaseMs / 4), () => this.failLostProducers());
    }
  }

  async beforeApplicationShutdown(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.leases?.stopHeartbeat();
    await this.runtime.flushAll();
  }

  /** Starts an operation now and returns its handle; the snapshot is stored before any event. */
  start(input: StartOperationInput): OperationHandle {
    return this.runtime.start(input);
  }

  /** @internal For WebSocketService (a type named later) and HTTP ingest (work that runs elsewhere). */
  register(input: StartOperationInput, options: { placeholderType?: boolean; remote?: boolean }): OperationHandle {
    return this.runtime.start(input, options);
  }

  /** @internal Renews the producer lease of an operation reported on over HTTP. */
  touch(operationId: string): void {
    this.runtime.touch(operationId);
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
    return this.runtime.handle(operationId);
  }

  /** Takes over an operation stored elsewhere (another process, or before a restart) so this process can report on it. */
  adopt(snapshot: OperationSnapshot, options: { remote?: boolean } = {}): OperationHandle {
    return this.runtime.adopt(snapshot, options);
  }

  get(operationId: string): Promise<OperationSnapshot | null> {
    return this.store.get(operationId);
  }

  /** The operation if `user` may see it, else null: the caller answers NOT_FOUND either way. */
  async getVisible(user: AuthUser, operationId: string): Promise<OperationSnapshot | null> {
    const snapshot = await this.store.get(operationId);
    return snapshot && canSee(user, snapshot, this.options.adminRoles) ? snapshot : null;
  }

  eventsAfter(operationId: string, afterSeq: number): Promise<EventsAfter> {
    return this.store.eventsAfter(operationId, afterSeq);
  }

  listVisible(user: AuthUser, filter: { status?: OperationStatus; operationType?: string; limit?: number }): Promise<OperationSnapshot[]> {
    return this.store.list({
      tenantId: user.tenantId,
      ...(isAdmin(user, this.options.adminRoles) ? {} : { viewerId: user.userId }),
      ...(filter.status ? { status: filter.status } : {}),
      ...(filter.operationType ? { operationType: filter.operationType } : {}),
      limit: filter.limit ?? Limits.LIST_LIMIT_DEFAULT,
    });
  }

  /** Cancels wherever the work runs: here, on another node or in a publisher process; an operation nobody runs ends at once. */
  async cancel(user: AuthUser, operationId: string): Promise<CancelOutcome> {
    const snapshot = await this.getVisible(user, operationId);
    if (!snapshot) return 'not_found';
    if (isTerminalStatus(snapshot.status)) return 'not_cancellable';
    let outcome = await this.runtime.cancelLocal(operationId, this.options.cancelTimeoutMs);
    if (outcome === 'absent' && this.sockets.clustered) outcome = await this.cancelElsewhere(operationId);
    if (outcome === 'absent') return (await this.runtime.cancelOrphan(snapshot)) ? 'cancelled' : 'not_cancellable';
    return outcome;
  }

  /**
   * Answers another node's cancel request at once (the adapter's requests time out in
   * seconds): `accepted` when the work runs here, whose cancel then proceeds in the background.
   */
  cancelHere(operationId: string): 'accepted' | 'absent' {
    if (!this.runtime.handle(operationId)) return 'absent';
    void this.runtime.cancelLocal(operationId, this.options.cancelTimeoutMs);
    return 'accepted';
  }

  /** Resolves true once a client subscribes to the operation (on any node), false after `timeoutMs`. */
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
      // Subscribers on other nodes are seen through the adapter, so look now and then too.
      const poll = setInterval(() => void this.hasSubscriber(operationId).then((yes) => yes && done(true)), 500);
    });
  }

  /** Called by the gateway when a client subscribed here. */
  noteSubscriber(operationId: string): void {
    for (const wake of [...(this.subscriberWaiters.get(operationId) ?? [])]) wake();
  }

  /** Ends operations whose producer stopped renewing its lease: exactly once across nodes, by the store's terminal guard. */
  async failLostProducers(now = Date.now()): Promise<number> {
    if (!this.leases) return 0;
    let failed = 0;
    for (const id of await this.leases.expired(now)) {
      if (this.runtime.handle(id) && this.runtime.selfRunIds().includes(id)) continue; // ours, and we are alive
      const snapshot = await this.store.get(id);
      if (snapshot && !isTerminalStatus(snapshot.status)) {
        const timestamp = Date.now();
        const error = {
          message: `The producer of this operation stopped reporting for ${Math.round(this.options.producerLeaseMs / 1000)} s`,
          code: OperationErrorCode.PRODUCER_LOST,
        };
        const appended = await this.store.append(
          id,
          { event: 'progress.failed', operationId: id, operationType: snapshot.operationType, status: 'failed', progress: snapshot.progress, error, timestamp },
          { status: 'failed', error, finishedAt: timestamp, estimatedCompletion: null },
          { snapshot: true },
        );
        if (appended) {
          this.deliver(appended);
          failed++;
        }
      }
      await this.leases.forget(id);
    }
    return failed;
  }

  private deliver(appended: AppendResult): void {
    this.events.publish(appended.event, appended.broadcast);
    const { event, snapshot } = appended;
    if (snapshot) return this.lifecycle.dispatch(event, snapshot);
    // A store that ignores `AppendOptions` (one written before it) returns none: read it instead.
    if (this.lifecycle.needsSnapshot(event)) {
      void this.store.get(event.operationId).then(
        (read) => read && this.lifecycle.dispatch(event, read),
        (err: unknown) => this.logger.error(`reading operation ${event.operationId} for its lifecycle hooks failed: ${String(err)}`),
      );
    }
  }

  private async cancelElsewhere(operationId: string): Promise<LocalCancelOutcome> {
    const server = this.sockets.server;
    if (!server) return 'absent';
    let answers: string[];
    try {
      answers = await server.serverSideEmitWithAck(ClusterMessage.CANCEL, { operationId });
    } catch (err) {
      answers = (err as { responses?: string[] }).responses ?? [];
    }
    if (!answers.includes('accepted')) return 'absent';
    // The work runs on another node or in a publisher: watch the store for its end.
    const deadline = Date.now() + this.options.cancelTimeoutMs;
    while (Date.now() < deadline) {
      const snapshot = await this.store.get(operationId);
      if (!snapshot || isTerminalStatus(snapshot.status)) return 'cancelled';
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return 'timed_out';
  }

  private async hasSubscriber(operationId: string): Promise<boolean> {
    if (this.events.listenerCount(operationId) > 0) return true;
    const server = this.sockets.server;
    if (!server) return false;
    const sockets = await server.in(Rooms.operation(operationId)).fetchSockets();
    return sockets.length > 0;
  }

  private every(ms: number, task: () => Promise<unknown>): void {
    const timer = setInterval(() => {
      task().catch((err: unknown) => this.logger.error(`a periodic task failed: ${String(err)}`));
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }
}
