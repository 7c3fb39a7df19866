import { randomUUID } from 'node:crypto';
import {
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import { Limits, type OperationSnapshot, type OperationStatus, Rooms, isTerminalStatus } from '@liveprogress/protocol';
import type { AuthUser } from '../auth/auth-user.js';
import { InvalidOperationInputError } from '../errors.js';
import { RESOLVED_OPTIONS } from '../live-progress.tokens.js';
import type { ResolvedOptions } from '../live-progress.options.js';
import {
  type AppendResult,
  type EventInput,
  type EventsAfter,
  OPERATION_STORE,
  type OperationStore,
  type SnapshotPatch,
} from '../store/operation-store.interface.js';
import { OperationLifecycle } from '../lifecycle/operation-lifecycle.js';
import { SocketServerRef } from '../gateway/socket-server.ref.js';
import { OperationEvents } from './operation-events.js';
import { currentOperation, runWithOperation } from './operation-context.js';
import type { Operation } from './operation.js';
import { publicStages } from './stage-plan.js';
import { type HandleOptions, OperationHandle, type OperationSink } from './operation-handle.js';
import type { StartOperationInput } from './start-operation-input.js';
import { canSee, isAdmin } from './visibility.js';

/** `timed_out`: the work did not stop within `cancelTimeoutMs` of its signal firing. */
export type CancelOutcome = 'cancelled' | 'not_found' | 'not_cancellable' | 'timed_out';

/** The API application code uses to run operations, and the one the gateway and HTTP layer ask. */
@Injectable()
export class OperationsService implements OperationSink, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('LiveProgress');
  private readonly handles = new Map<string, OperationHandle>();
  private readonly subscriberWaiters = new Map<string, Set<() => void>>();
  private expiryTimer: ReturnType<typeof setInterval> | undefined;

  constructor(
    @Inject(OPERATION_STORE) private readonly store: OperationStore,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
    private readonly events: OperationEvents,
    private readonly lifecycle: OperationLifecycle,
    private readonly sockets: SocketServerRef,
  ) {}

  onApplicationBootstrap(): void {
    const every = Math.min(60_000, this.options.retention.terminalMs);
    this.expiryTimer = setInterval(() => {
      this.store.expire(Date.now()).catch((err: unknown) => this.logger.error(`expiring operations failed: ${String(err)}`));
    }, every);
    this.expiryTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.expiryTimer);
    await Promise.all([...this.handles.values()].map((h) => h.flushed()));
  }

  /** Starts an operation now and returns its handle; the snapshot is stored before any event. */
  start(input: StartOperationInput, /** @internal */ placeholderType = false): OperationHandle {
    const snapshot = newSnapshot(input);
    if (this.handles.has(snapshot.operationId)) {
      throw new InvalidOperationInputError(`Operation "${snapshot.operationId}" is already running`);
    }
    const created = this.store.create(snapshot).then(
      (ok) => {
        if (!ok) this.logger.warn(`operation ${snapshot.operationId} already existed in the store; its handle appends to it`);
      },
      (err: unknown) => this.logger.error(`storing operation ${snapshot.operationId} failed: ${String(err)}`),
    );
    return this.track(snapshot, { estimatedDuration: input.estimatedDuration ?? null, created, placeholderType, stages: input.stages ?? null, ...(input.taskFailure ? { taskFailure: input.taskFailure } : {}) });
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
    return this.handles.get(operationId);
  }

  /** Takes over an operation stored elsewhere (another process, or before a restart) so this process can report on it. */
  adopt(snapshot: OperationSnapshot): OperationHandle {
    return this.handles.get(snapshot.operationId) ?? this.track(snapshot, { estimatedDuration: null, created: Promise.resolve(), stages: snapshot.stages });
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

  async cancel(user: AuthUser, operationId: string): Promise<CancelOutcome> {
    const snapshot = await this.getVisible(user, operationId);
    if (!snapshot) return 'not_found';
    if (isTerminalStatus(snapshot.status)) return 'not_cancellable';
    const running = this.handles.get(operationId);
    if (!running) {
      // Nothing in this process reports on it, so there is no work to ask: end it now.
      const orphan = this.adopt(snapshot);
      if (!orphan.cancelNow()) return 'not_cancellable';
      await orphan.flushed();
      return 'cancelled';
    }
    if (await running.requestCancel(this.options.cancelTimeoutMs)) return 'cancelled';
    return running.isFinished ? 'not_cancellable' : 'timed_out';
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

  private async hasSubscriber(operationId: string): Promise<boolean> {
    if (this.events.listenerCount(operationId) > 0) return true;
    const server = this.sockets.server;
    if (!server) return false;
    const sockets = await server.in(Rooms.operation(operationId)).fetchSockets();
    return sockets.length > 0;
  }

  /** OperationSink: stores one event and delivers it. Never rejects: a failed write is logged. */
  async write(operationId: string, event: EventInput, patch: SnapshotPatch): Promise<AppendResult | null> {
    try {
      const appended = await this.store.append(operationId, event, patch);
      if (appended) {
        this.events.publish(appended.event);
        this.lifecycle.dispatch(appended.event, appended.snapshot);
      }
      return appended;
    } catch (err) {
      this.logger.error(`storing an event of operation ${operationId} failed: ${String(err)}`);
      return null;
    }
  }

  finished(operationId: string): void {
    const handle = this.handles.get(operationId);
    if (handle?.isFinished) this.handles.delete(operationId);
  }

  private track(snapshot: OperationSnapshot, options: Omit<HandleOptions, 'coalesceIntervalMs'>): OperationHandle {
    const handle = new OperationHandle(snapshot, { ...options, coalesceIntervalMs: this.options.coalesceIntervalMs }, this);
    if (!handle.isFinished) this.handles.set(snapshot.operationId, handle);
    return handle;
  }
}

function newSnapshot(input: StartOperationInput): OperationSnapshot {
  const text = (field: string, value: unknown, max: number): string => {
    if (typeof value !== 'string' || value.length === 0 || value.length > max) {
      throw new InvalidOperationInputError(`start({ ${field} }) must be a string of 1 to ${max} characters`);
    }
    return value;
  };
  const operationId = input.operationId === undefined ? randomUUID() : text('operationId', input.operationId, Limits.OPERATION_ID_MAX_LENGTH);
  const visibility = input.visibility ?? 'owner';
  if (visibility !== 'owner' && visibility !== 'tenant') {
    throw new InvalidOperationInputError('start({ visibility }) is "owner" or "tenant"');
  }
  if (input.estimatedDuration !== undefined && !(Number.isFinite(input.estimatedDuration) && input.estimatedDuration > 0)) {
    throw new InvalidOperationInputError('start({ estimatedDuration }) is a positive number of milliseconds');
  }
  const now = Date.now();
  return {
    operationId,
    operationType: text('operationType', input.operationType, 128),
    name: input.name ?? null,
    status: 'running',
    stage: null,
    progress: 0,
    message: null,
    details: input.details ?? null,
    stages: input.stages ? publicStages(input.stages) : null,
    tasks: null,
    result: null,
    error: null,
    ownerId: text('userId', input.userId, 256),
    tenantId: text('tenantId', input.tenantId, 256),
    visibility,
    createdAt: now,
    updatedAt: now,
    startedAt: now,
    finishedAt: null,
    estimatedCompletion: input.estimatedDuration !== undefined ? now + input.estimatedDuration : null,
    seq: 0,
  };
}
