import { type EventInput, isTerminalStatus, patchInto, type OperationSnapshot, type StoredEvent } from '@liveprogress/protocol';
import { StoreFullError } from '../errors.js';
import { RetainedEvents } from './retained-events.js';
import { objectBytes, retainedSize } from './retained-size.js';
import type { StoreProbe } from './store-probe.js';
import type {
  AppendConflict,
  AppendOptions,
  AppendResult,
  DeleteOutcome,
  EventsAfter,
  ListFilter,
  OperationStore,
  StoredOperation,
} from './operation-store.js';

export interface MemoryStoreOptions {
  /** Events kept per operation (the newest). */
  maxEvents: number;
  /** How long a finished operation is kept, in milliseconds. */
  terminalRetentionMs: number;
  /** Operations kept in all; past it the oldest finished ones are evicted (docs/operations.md, Memory bounds). Default: unbounded. */
  maxOperations?: number;
  /** Estimated bytes of snapshots and events kept in all; past it the oldest finished operations are evicted. Default: unbounded. */
  maxRetainedBytes?: number;
}

/** What the store holds now, against its bounds. */
export interface MemoryStoreUsage {
  operations: number;
  running: number;
  /** Estimated bytes of every snapshot and retained event (retainedSize). */
  retainedBytes: number;
  /** Finished operations evicted to keep within the bounds, since the store opened. */
  evicted: number;
}

interface Entry {
  /**
   * Patched in place on every event (no copy per event), its `details` too (foldDetails); only
   * copies leave the store (copyOf).
   */
  snapshot: OperationSnapshot;
  /** Retained events, as their JSON text (RetainedEvents). */
  retained: RetainedEvents;
  /** See StoredOperation. */
  explicitProgress: boolean;
  /** When the operation last showed activity (create, stored event, markActive), for staleOperations. */
  activeAt: number;
  /** Estimated bytes of the latest event as objects, counted for the snapshot, which holds its fields. */
  latestBytes: number;
  /** Estimated bytes of this entry in all: the snapshot as created, `latestBytes`, and the retained frames. */
  bytes: number;
}

/** The default store: one process, nothing survives a restart. */
export class MemoryOperationStore implements OperationStore {
  private readonly entries = new Map<string, Entry>();
  private readonly byTenant = new Map<string, Set<string>>();
  /** Finished operations in the order they finished: the front is evicted first. */
  private readonly finishedOrder = new Set<string>();
  private retainedBytes = 0;
  private finishedBytes = 0;
  private evicted = 0;
  private readonly maxOperations: number;
  private readonly maxRetainedBytes: number;

  constructor(private readonly options: MemoryStoreOptions) {
    this.maxOperations = options.maxOperations ?? Number.POSITIVE_INFINITY;
    this.maxRetainedBytes = options.maxRetainedBytes ?? Number.POSITIVE_INFINITY;
  }

  async create(snapshot: OperationSnapshot): Promise<boolean> {
    return this.createNow(snapshot);
  }

  /**
   * `create` done before returning, so that a start the bounds refuse throws StoreFullError
   * to the caller of `start()` itself. Makes room by evicting finished operations, oldest
   * first; refuses when the running ones alone leave none.
   */
  createNow(snapshot: OperationSnapshot): boolean {
    if (this.entries.has(snapshot.operationId)) return false;
    const bytes = retainedSize(snapshot);
    const running = this.entries.size - this.finishedOrder.size;
    const runningBytes = this.retainedBytes - this.finishedBytes;
    if (running + 1 > this.maxOperations) throw new StoreFullError(running, runningBytes, `maxOperations ${this.maxOperations}`);
    if (runningBytes + bytes > this.maxRetainedBytes) throw new StoreFullError(running, runningBytes, `maxRetainedBytes ${this.maxRetainedBytes}`);
    const entry: Entry = {
      snapshot: copyOf(snapshot),
      retained: new RetainedEvents(this.options.maxEvents),
      explicitProgress: false,
      activeAt: Date.now(),
      latestBytes: 0,
      bytes,
    };
    this.entries.set(snapshot.operationId, entry);
    this.retainedBytes += bytes;
    let ids = this.byTenant.get(snapshot.tenantId);
    if (!ids) this.byTenant.set(snapshot.tenantId, (ids = new Set()));
    ids.add(snapshot.operationId);
    if (isTerminalStatus(snapshot.status)) this.markFinished(snapshot.operationId, entry);
    this.evictFinished();
    return true;
  }

  /** What the store holds now (docs/operations.md, Memory bounds). */
  usage(): MemoryStoreUsage {
    return { operations: this.entries.size, running: this.entries.size - this.finishedOrder.size, retainedBytes: this.retainedBytes, evicted: this.evicted };
  }

  async get(operationId: string): Promise<OperationSnapshot | null> {
    const snapshot = this.entries.get(operationId)?.snapshot;
    return snapshot ? copyOf(snapshot) : null;
  }

  async append(operationId: string, input: EventInput, options: AppendOptions = {}): Promise<AppendResult | AppendConflict | null> {
    return this.appendNow(operationId, input, options);
  }

  appendNow(operationId: string, input: EventInput, options: AppendOptions = {}): AppendResult | AppendConflict | null {
    const entry = this.entries.get(operationId);
    if (!entry || isTerminalStatus(entry.snapshot.status)) return null;
    if (options.expectedSeq !== undefined && options.expectedSeq !== entry.snapshot.seq) {
      return { conflict: true, snapshot: copyOf(entry.snapshot), explicitProgress: entry.explicitProgress };
    }
    if (options.explicitProgress) entry.explicitProgress = true;
    const seq = entry.snapshot.seq + 1;
    // The store takes the event it is given (OperationStore.append): its seq is set on it, not on a copy.
    const event = input as StoredEvent;
    event.seq = seq;
    // Retained as its JSON text: one string, not an object graph, for each of up to maxEvents events.
    const frame = JSON.stringify(event);
    // applyEvent's rule, in place and without a patch object: only copies leave the store.
    const details = entry.snapshot.details;
    patchInto(entry.snapshot, event);
    if (event.event === 'progress.updated') entry.snapshot.details = foldDetails(details, event.details);
    entry.snapshot.seq = seq;
    entry.snapshot.updatedAt = event.timestamp;
    entry.activeAt = Date.now();
    // The snapshot now holds this event's fields in place of the previous one's.
    const latestBytes = objectBytes(frame);
    const bytes = entry.bytes - entry.latestBytes + latestBytes + entry.retained.push(seq, frame);
    entry.latestBytes = latestBytes;
    this.retainedBytes += bytes - entry.bytes;
    entry.bytes = bytes;
    if (isTerminalStatus(entry.snapshot.status)) this.markFinished(operationId, entry);
    this.evictFinished();
    return options.snapshot ? { event, text: frame, snapshot: copyOf(entry.snapshot) } : { event, text: frame };
  }

  /** The entry itself: it holds `snapshot` and `explicitProgress` as a StoredOperation does. */
  ownView(operationId: string): StoredOperation | undefined {
    return this.entries.get(operationId);
  }

  async readForWrite(operationId: string): Promise<StoredOperation | null> {
    const entry = this.entries.get(operationId);
    return entry ? { snapshot: copyOf(entry.snapshot), explicitProgress: entry.explicitProgress } : null;
  }

  async eventsAfter(operationId: string, afterSeq: number): Promise<EventsAfter> {
    const entry = this.entries.get(operationId);
    if (!entry) return { events: [], recovered: false };
    if (afterSeq > entry.snapshot.seq) return { events: [], recovered: false };
    const oldest = entry.retained.oldestSeq(entry.snapshot.seq + 1);
    return { events: entry.retained.after(afterSeq), recovered: oldest <= afterSeq + 1 };
  }

  async list(filter: ListFilter): Promise<OperationSnapshot[]> {
    const ids = this.byTenant.get(filter.tenantId);
    if (!ids) return [];
    const matches: OperationSnapshot[] = [];
    for (const id of ids) {
      const s = this.entries.get(id)?.snapshot;
      if (!s) continue;
      if (filter.viewerId !== undefined && s.ownerId !== filter.viewerId && s.visibility !== 'tenant') continue;
      if (filter.status && s.status !== filter.status) continue;
      if (filter.operationType && s.operationType !== filter.operationType) continue;
      matches.push(s);
    }
    matches.sort((a, b) => b.createdAt - a.createdAt || (a.operationId < b.operationId ? 1 : -1));
    return matches.slice(0, filter.limit).map(copyOf);
  }

  async expire(now: number): Promise<number> {
    let removed = 0;
    for (const [id, { snapshot }] of this.entries) {
      if (snapshot.finishedAt !== null && now - snapshot.finishedAt >= this.options.terminalRetentionMs) {
        this.remove(id, snapshot.tenantId);
        removed++;
      }
    }
    return removed;
  }

  async delete(operationId: string): Promise<DeleteOutcome> {
    const entry = this.entries.get(operationId);
    if (!entry) return 'missing';
    if (!isTerminalStatus(entry.snapshot.status)) return 'running';
    this.remove(operationId, entry.snapshot.tenantId);
    return 'deleted';
  }

  async staleOperations(idleMs: number, max = 100): Promise<string[]> {
    const before = Date.now() - idleMs;
    const stale: string[] = [];
    for (const [id, entry] of this.entries) {
      if (stale.length >= max) break;
      if (entry.activeAt <= before && !isTerminalStatus(entry.snapshot.status)) stale.push(id);
    }
    return stale;
  }

  async markActive(operationId: string): Promise<void> {
    const entry = this.entries.get(operationId);
    if (entry && !isTerminalStatus(entry.snapshot.status)) entry.activeAt = Date.now();
  }

  async probe(): Promise<StoreProbe> {
    return { kind: 'memory', operations: this.entries.size };
  }

  async close(): Promise<void> {
    this.entries.clear();
    this.byTenant.clear();
    this.finishedOrder.clear();
    this.retainedBytes = 0;
    this.finishedBytes = 0;
  }

  private markFinished(operationId: string, entry: Entry): void {
    this.finishedOrder.add(operationId);
    this.finishedBytes += entry.bytes;
  }

  /**
   * Evicts finished operations, oldest first, while the store is over a bound. Running ones
   * are never evicted: they may hold the store over `maxRetainedBytes` (each is bounded by
   * `maxEvents`), and then the next `create` is refused instead.
   */
  private evictFinished(): void {
    for (const id of this.finishedOrder) {
      if (this.entries.size <= this.maxOperations && this.retainedBytes <= this.maxRetainedBytes) return;
      const entry = this.entries.get(id);
      if (entry) this.remove(id, entry.snapshot.tenantId);
      this.evicted++;
    }
  }

  private remove(operationId: string, tenantId: string): void {
    const entry = this.entries.get(operationId);
    if (!entry) return;
    this.entries.delete(operationId);
    this.byTenant.get(tenantId)?.delete(operationId);
    this.retainedBytes -= entry.bytes;
    if (this.finishedOrder.delete(operationId)) this.finishedBytes -= entry.bytes;
  }
}

/** A snapshot to hand out: its own object and its own `details`, which the store changes in place. */
function copyOf(snapshot: OperationSnapshot): OperationSnapshot {
  return { ...snapshot, details: snapshot.details ? { ...snapshot.details } : snapshot.details };
}

/**
 * The stored details after an event: the event's, as `applyEvent` takes them, but written into
 * the object the store already holds instead of holding the event's. An event's details live
 * until the next event, long enough to outlive a young-generation collection or two; written
 * into one long-lived object they leave no garbage behind in the old generation
 * (docs/performance.md, Findings). The event's own object is never kept: it goes to listeners.
 */
function foldDetails(held: Record<string, unknown> | null, next: Record<string, unknown> | null): Record<string, unknown> | null {
  // An event from JavaScript may leave its details out: the snapshot takes that as applyEvent does.
  if (!next) return next;
  if (!held || held === next) return { ...next };
  for (const key in held) if (!Object.hasOwn(next, key)) delete held[key];
  for (const key in next) held[key] = next[key];
  return held;
}
