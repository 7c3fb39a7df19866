import { randomUUID } from 'node:crypto';
import { Limits, type OperationSnapshot, type StoredEvent, patchInto } from '@liveprogress/protocol';
import { InvalidOperationInputError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics/metrics.js';
import type { ProducerLeases } from '../store/producer-leases.js';
import type { EventInput } from '@liveprogress/protocol';
import type { AppendConflict, AppendOptions, AppendResult, OperationStore, StoredOperation } from '../store/operation-store.js';
import { type HandleOptions, OperationHandle } from './operation-handle.js';
import { type OperationWrite, applyWrite } from './operation-write.js';
import { type OperationSink, retryDelayMs, retryPause } from './write-queue.js';
import { planStages, publicStages } from './stage-plan.js';
import type { StartOperationInput } from './start-operation-input.js';
import { OperationTracer } from '../tracing/operation-tracer.js';

export interface OperationRuntimeOptions {
  store: OperationStore;
  coalesceIntervalMs: number;
  /** Delivers each stored event: to sockets, streams, hooks. */
  deliver: (appended: AppendResult) => void;
  /** Whether `deliver` needs the snapshot after this event (for hooks and notifiers); the store then returns it. Absent: never. */
  needsSnapshot?: (event: EventInput) => boolean;
  waitForSubscriber: (operationId: string, timeoutMs: number) => Promise<boolean>;
  /** Absent for a store that one process owns: it needs no lease. */
  leases?: ProducerLeases;
  logger: Logger;
  /** Updates reported and failed writes are counted here; absent: not counted. */
  metrics?: Metrics;
  /** Spans for operations started here (docs/operations.md, Tracing); default: through `@opentelemetry/api` when installed. */
  tracer?: OperationTracer;
}

export type LocalCancelOutcome = 'cancelled' | 'timed_out' | 'not_cancellable' | 'absent';

/**
 * The running operations of one process and the path of their events into the store.
 * Framework-free, so the Nest module and a bare Node publisher share it.
 */
export class OperationRuntime implements OperationSink {
  private readonly handles = new Map<string, OperationHandle>();
  /** Handles whose work runs elsewhere (HTTP ingest): there is no signal to ask, so a cancel ends them at once. */
  private readonly remote = new Set<string>();
  /** The stored snapshot of each running handle's operation as this process last saw it; a write built on a stale one is refused and built again. */
  private readonly views = new Map<string, { snapshot: OperationSnapshot; explicitProgress: boolean | undefined }>();
  /** The store lets writes build on its own state (`OperationStore.ownView`): no view of this process's to keep. */
  private readonly storeOwnsViews: boolean;

  private readonly tracer: OperationTracer;

  constructor(private readonly options: OperationRuntimeOptions) {
    this.tracer = options.tracer ?? new OperationTracer();
    this.storeOwnsViews = typeof options.store.ownView === 'function';
  }

  /**
   * `remote`: the work runs outside this process (HTTP ingest), so this process neither
   * renews its lease nor can ask it to stop. `placeholderType`: see OperationHandle.nameType.
   */
  start(input: StartOperationInput, options: { placeholderType?: boolean; remote?: boolean } = {}): OperationHandle {
    planStages(input.stages ?? []); // refuse bad stages before anything is stored
    const snapshot = newSnapshot(input);
    if (this.handles.has(snapshot.operationId)) throw new InvalidOperationInputError(`Operation "${snapshot.operationId}" is already running`);
    // A store that creates synchronously refuses a start it has no room for here, before any handle exists.
    const stored = this.options.store.createNow ? Promise.resolve(this.options.store.createNow(snapshot)) : this.createUntilStored(snapshot);
    const created = stored.then((ok) => {
      if (!ok) this.options.logger.warn(`operation ${snapshot.operationId} already existed in the store; its handle appends to it`);
    });
    if (options.remote) this.remote.add(snapshot.operationId);
    // Here, synchronously inside the caller's start(): the active context is the caller's (an HTTP request's span).
    this.tracer.started(snapshot, input.traceparent);
    return this.track(
      snapshot,
      {
        estimatedDuration: input.estimatedDuration ?? null,
        created,
        placeholderType: options.placeholderType ?? false,
        stages: input.stages ?? null,
        ...(input.taskFailure ? { taskFailure: input.taskFailure } : {}),
      },
      true,
    );
  }

  /**
   * Takes over a stored operation (made by another process, or before a restart) so this process can report on it.
   * `placeholderType`: its stored type is the placeholder it was registered with, so a later call may still name it.
   */
  adopt(snapshot: OperationSnapshot, options: { remote?: boolean; placeholderType?: boolean } = {}): OperationHandle {
    const existing = this.handles.get(snapshot.operationId);
    if (existing) return existing;
    if (options.remote) this.remote.add(snapshot.operationId);
    const handle = this.track(snapshot, {
      estimatedDuration: null,
      created: Promise.resolve(),
      stages: snapshot.stages,
      placeholderType: options.placeholderType ?? false,
    });
    if (handle.isFinished) this.remote.delete(snapshot.operationId);
    return handle;
  }

  /** Renews the lease of an operation whose producer just reported from outside. */
  touch(operationId: string): void {
    this.options.leases?.hold(operationId);
  }

  /**
   * A producer's explicit heartbeat (HTTP ingest `heartbeat`): counts as activity, so the
   * operation is not failed STALLED while its producer says it is alive. The lease heartbeat
   * of a process does not come here: it says the process lives, not that the work moves.
   */
  async markActive(operationId: string): Promise<void> {
    this.touch(operationId);
    await this.options.store.markActive?.(operationId);
  }

  handle(operationId: string): OperationHandle | undefined {
    return this.handles.get(operationId);
  }

  /** The operation ended without this process (another one ended it): its handle here stops writing and is forgotten. */
  endedElsewhere(operationId: string): void {
    this.handles.get(operationId)?.markEndedElsewhere();
    this.tracer.endedElsewhere(operationId);
    this.finished(operationId);
  }

  /** Cancels an operation running in this process, if it is here. */
  async cancelLocal(operationId: string, timeoutMs: number, cancelledBy?: string): Promise<LocalCancelOutcome> {
    const handle = this.handles.get(operationId);
    if (!handle) return 'absent';
    if (this.remote.has(operationId)) {
      if (!handle.cancelNow(cancelledBy)) return 'not_cancellable';
      return handle.flushed().then(
        () => 'cancelled',
        () => 'not_cancellable',
      );
    }
    if (await handle.requestCancel(timeoutMs, cancelledBy)) return 'cancelled';
    return handle.isFinished ? 'not_cancellable' : 'timed_out';
  }

  /** Ends a stored operation nobody runs any more. */
  async cancelOrphan(snapshot: OperationSnapshot, cancelledBy?: string): Promise<boolean> {
    const orphan = this.adopt(snapshot);
    if (!orphan.cancelNow(cancelledBy)) return false;
    // Refused: it ended some other way meanwhile, so this cancel did not end it.
    return orphan.flushed().then(
      () => true,
      () => false,
    );
  }

  /** Operations whose work runs in this process: the ones whose lease this process renews. */
  selfRunIds(): string[] {
    return [...this.handles.keys()].filter((id) => !this.remote.has(id));
  }

  flushAll(): Promise<void> {
    // A handle whose operation ended elsewhere has nothing more to write: that is no failure to flush.
    return Promise.allSettled([...this.handles.values()].map((h) => h.flushed())).then(() => undefined);
  }

  /**
   * Applies a handle's write to the stored operation and appends the event it makes: built
   * on this process's view of the stored snapshot, appended only if the store still has
   * that `seq`; when another process wrote in between, the write is built again on what
   * the store has now. So writes from any process build on every other process's.
   * Throws when the store could not be reached: the handle's WriteQueue tries it again.
   */
  async write(operationId: string, write: OperationWrite): Promise<AppendResult | null> {
    const { store } = this.options;
    let view = this.known(operationId) ?? (await this.read(operationId));
    for (let attempt = 1; ; attempt++) {
      if (!view) return this.stored(operationId, null, null, write);
      const event = applyWrite(view.snapshot, write, view.explicitProgress);
      const result = await store.append(operationId, event, this.appendOptions(event, view, write));
      if (!isConflict(result)) return this.stored(operationId, result, view, write);
      if (attempt >= MAX_ATTEMPTS) throw new Error(`${MAX_ATTEMPTS} writes in a row met a newer snapshot`);
      view =
        result.snapshot && result.explicitProgress !== undefined
          ? { snapshot: result.snapshot, explicitProgress: result.explicitProgress }
          : await this.read(operationId);
    }
  }

  writeNow(operationId: string, write: OperationWrite): AppendResult | null | undefined {
    const { store } = this.options;
    let view = this.known(operationId);
    if (!store.appendNow || !view) return undefined;
    try {
      for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
        const event = applyWrite(view.snapshot, write, view.explicitProgress);
        const result: AppendResult | AppendConflict | null = store.appendNow(operationId, event, this.appendOptions(event, view, write));
        if (!isConflict(result)) return this.stored(operationId, result, view, write);
        // The store wants a read: take the asynchronous path.
        if (!result.snapshot || result.explicitProgress === undefined) return undefined;
        view = { snapshot: result.snapshot, explicitProgress: result.explicitProgress };
      }
      return undefined;
    } catch (err) {
      // The asynchronous path tries it again, behind nothing, with a backoff.
      this.options.logger.error(`storing an event of operation ${operationId} failed: ${String(err)}`);
      return undefined;
    }
  }

  /** The view of an operation, when this process knows all of it. */
  private known(operationId: string): StoredOperation | undefined {
    if (this.storeOwnsViews) return this.options.store.ownView?.(operationId);
    const view = this.views.get(operationId);
    return view && view.explicitProgress !== undefined ? (view as StoredOperation) : undefined;
  }

  private async read(operationId: string): Promise<StoredOperation | null> {
    const { store } = this.options;
    if (store.readForWrite) return store.readForWrite(operationId);
    const snapshot = await store.get(operationId);
    return snapshot && { snapshot, explicitProgress: false };
  }

  private appendOptions(event: EventInput, view: StoredOperation, write: OperationWrite): AppendOptions {
    const options: AppendOptions = { snapshot: this.options.needsSnapshot?.(event) ?? false, expectedSeq: view.snapshot.seq };
    if (write.kind === 'update' && write.progress !== undefined && !view.explicitProgress) options.explicitProgress = true;
    return options;
  }

  private stored(operationId: string, appended: AppendResult | null, view: StoredOperation | null, write: OperationWrite): AppendResult | null {
    if (!appended || !view) {
      // The store refused: the operation ended elsewhere (another node, PRODUCER_LOST) or is gone.
      this.endedElsewhere(operationId);
      return null;
    }
    if (!this.storeOwnsViews) {
      // The append applied to exactly this view (its seq matched), so folding the event gives the stored
      // snapshot. The view is this runtime's own copy (never handed out), so it is folded in place.
      foldInto(view.snapshot, appended.event);
      if (write.kind === 'update' && write.progress !== undefined) view.explicitProgress = true;
      // A view read from the store (or met in a conflict) replaces the one this process had.
      if (this.views.get(operationId) !== view) this.views.set(operationId, view);
    }
    this.tracer.recorded(operationId, appended.event);
    this.options.deliver(appended);
    // After its terminal event the lease is released, not renewed.
    if (!this.remote.has(operationId) && appended.event.event === 'progress.updated') this.options.leases?.hold(operationId);
    return appended;
  }

  /** Logged on the first failure of a write and then every tenth try, so an outage leaves a trace but no flood. */
  writeFailed(operationId: string, err: unknown, attempt: number, retryInMs: number): void {
    this.options.metrics?.increment('store_errors_total', { operation: 'write' });
    if (attempt === 1 || attempt % 10 === 0) {
      this.options.logger.warn(`storing an event of operation ${operationId} failed (try ${attempt}), trying again in ${retryInMs} ms: ${String(err)}`);
    }
  }

  /** The store's create, tried again like a write until the store takes it: the handle's writes wait behind it. */
  private async createUntilStored(snapshot: OperationSnapshot): Promise<boolean> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.options.store.create(snapshot);
      } catch (err) {
        const retryInMs = retryDelayMs(attempt);
        this.writeFailed(snapshot.operationId, err, attempt, retryInMs);
        await retryPause(retryInMs);
      }
    }
  }

  finished(operationId: string): void {
    const handle = this.handles.get(operationId);
    if (!handle?.isFinished) return;
    this.handles.delete(operationId);
    this.views.delete(operationId);
    this.remote.delete(operationId);
    this.options.leases?.release(operationId);
  }

  waitForSubscriber(operationId: string, timeoutMs: number): Promise<boolean> {
    return this.options.waitForSubscriber(operationId, timeoutMs);
  }

  reported(): void {
    this.options.metrics?.increment('updates_reported_total');
  }

  /** `fresh`: the operation was made here, so this process knows its stored state whole. */
  private track(snapshot: OperationSnapshot, options: Omit<HandleOptions, 'coalesceIntervalMs'>, fresh = false): OperationHandle {
    const handle = new OperationHandle(snapshot, { ...options, coalesceIntervalMs: this.options.coalesceIntervalMs }, this);
    if (!handle.isFinished) {
      this.handles.set(snapshot.operationId, handle);
      // Known whole for an operation started here; for one taken over, the first write reads its marks.
      // A copy of its own: the view is folded in place on every event.
      if (!this.storeOwnsViews) this.views.set(snapshot.operationId, { snapshot: { ...snapshot }, explicitProgress: fresh ? false : undefined });
      this.options.leases?.hold(snapshot.operationId);
    }
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

/** `applyEvent`'s rule, in place: the snapshot takes the event's fields, seq and time (no patch object per event). */
function foldInto(snapshot: OperationSnapshot, event: StoredEvent): void {
  patchInto(snapshot, event);
  snapshot.seq = event.seq;
  snapshot.updatedAt = event.timestamp;
}

/** Writes built again on a newer snapshot before one gives up (only contention on one operation makes a second try). */
const MAX_ATTEMPTS = 10;

function isConflict(result: AppendResult | AppendConflict | null): result is AppendConflict {
  return result !== null && 'conflict' in result;
}
