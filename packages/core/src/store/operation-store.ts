import type { EventInput, OperationSnapshot, OperationStatus, StoredEvent } from '@liveprogress/protocol';

import type { ProducerLeases } from './producer-leases.js';
import type { Logger } from '../logger.js';
import type { EventRelay } from './event-relay.js';
import type { AttemptLimiter, TokenBucketLimit } from './attempt-limiter.js';
import type { ServerOptions } from 'socket.io';
import type { StoreProbe } from './store-probe.js';

export type { EventInput, SnapshotPatch } from '@liveprogress/protocol';

export interface AppendResult {
  event: StoredEvent;
  /** The snapshot after the write: always when asked for (`AppendOptions.snapshot`); a store may leave it out otherwise. */
  snapshot?: OperationSnapshot;
  /** The store already sent the event to its operation's room (Redis mode): do not emit it again. */
  broadcast?: boolean;
  /** `JSON.stringify(event)`, when the store made it (the in-memory store does, to retain it): the wire payload is cut from it. */
  text?: string;
}

/** A snapshot as a writer needs it: with the mark of whether its progress was ever set explicitly (then tasks no longer drive it). */
export interface StoredOperation {
  snapshot: OperationSnapshot;
  explicitProgress: boolean;
}

/**
 * The append was refused because the operation's `seq` is no longer `expectedSeq`: another
 * process wrote since the caller read it. `snapshot` is the current one, when the store
 * can return it in the same step (else the caller reads it).
 */
export interface AppendConflict {
  conflict: true;
  snapshot: OperationSnapshot | null;
  /** The stored mark (see StoredOperation), with `snapshot`. */
  explicitProgress?: boolean;
}

export interface AppendOptions {
  /**
   * Whether the caller needs the snapshot after the write (lifecycle hooks and notifiers
   * do). Without it a networked store can skip reading the snapshot back, which keeps the
   * hot path of a progress event to the write alone.
   */
  snapshot?: boolean;
  /**
   * Append only if the operation's `seq` is still this one (the seq of the snapshot the
   * event was built from), else answer an AppendConflict and write nothing. This is what
   * lets any process write to any operation: the event is always built on the stored state.
   * A store one process owns may ignore it; a store several processes share must honour it.
   */
  expectedSeq?: number;
  /** The event's progress was set explicitly: keep the mark (StoredOperation) from now on. */
  explicitProgress?: boolean;
}

export interface EventsAfter {
  events: StoredEvent[];
  /** False when some event after `afterSeq` is no longer retained, or `afterSeq` is beyond the operation. */
  recovered: boolean;
}

/** How a store's `delete` ended: `running` when the operation has not finished (nothing is deleted then). */
export type DeleteOutcome = 'deleted' | 'running' | 'missing';

export interface ListFilter {
  tenantId: string;
  /** Only operations this user owns or that are visible tenant-wide; absent for an admin of the tenant. */
  viewerId?: string;
  status?: OperationStatus;
  operationType?: string;
  limit: number;
}

/**
 * Durable state of operations: one snapshot and a bounded event log each.
 * Every method is async so a networked store (Redis) fits behind it unchanged;
 * `append` must assign `seq` atomically and refuse to write after a terminal event,
 * which is what keeps "exactly one terminal event" true across processes.
 */
export interface OperationStore {
  /** Stores a new operation; false when the id is taken. */
  create(snapshot: OperationSnapshot): Promise<boolean>;
  /**
   * Optional: `create` done before returning, for a store that needs no I/O (the in-memory
   * one). With it, a start the store refuses (StoreFullError) throws from `start()` itself,
   * before the caller holds a handle.
   */
  createNow?(snapshot: OperationSnapshot): boolean;
  get(operationId: string): Promise<OperationSnapshot | null>;
  /** The snapshot with the marks a writer needs (StoredOperation); without it, writers assume no explicit progress. */
  readForWrite?(operationId: string): Promise<StoredOperation | null>;
  /**
   * Appends one event with the next `seq` and folds it into the snapshot by protocol's
   * `eventPatch` (the rule `applyEvent` applies on clients); null when the operation is
   * missing or finished. The store takes `event`: it may set `seq` on it and return it as
   * `AppendResult.event` rather than copy it, so pass an object of your own per call.
   */
  append(operationId: string, event: EventInput, options?: AppendOptions): Promise<AppendResult | AppendConflict | null>;
  /**
   * Optional: `append` done before returning, for a store that needs no I/O (the in-memory
   * one). With it an event leaves inside the producer's `update()`, as a bare emit does,
   * instead of after the producer's code next yields.
   */
  appendNow?(operationId: string, event: EventInput, options?: AppendOptions): AppendResult | AppendConflict | null;
  /**
   * Optional: the store's own state of an operation, for a writer in the same process to build
   * its next write on, read in place (not a copy, never changed by the reader): a store whose
   * state lives in this process (the in-memory one) spares the writer a second snapshot of its
   * own to keep in step. Undefined when the operation is not stored.
   */
  ownView?(operationId: string): StoredOperation | undefined;
  eventsAfter(operationId: string, afterSeq: number): Promise<EventsAfter>;
  /** Newest first. */
  list(filter: ListFilter): Promise<OperationSnapshot[]>;
  /** Drops operations that finished longer ago than the retention; returns how many. */
  expire(now: number): Promise<number>;
  close(): Promise<void>;

  // Capabilities. A store declares one by having the method; the runtime asks for it, never
  // for a store class. Both built-in stores have all of these; a store of your own written
  // before one existed keeps working without it.

  /**
   * Removes a finished operation whole — snapshot, events, every index entry — in one atomic
   * step, so no concurrent write brings any of it back; refuses (`running`) while it runs.
   * Without it, deletes are refused with an error naming the missing method.
   */
  delete?(operationId: string): Promise<DeleteOutcome>;
  /**
   * Running operations with no activity for `idleMs` (at most `max`): activity is the create,
   * a stored event, or `markActive`. Judged by the store's own clock where it has one, so the
   * processes' clocks don't matter. What the STALLED sweep ends (docs/scaling.md, "Silent
   * operations: `STALLED`"); without it, nothing is failed STALLED.
   */
  staleOperations?(idleMs: number, max?: number): Promise<string[]>;
  /** Counts as activity of a running operation without storing an event (a producer's explicit heartbeat). */
  markActive?(operationId: string): Promise<void>;

  // Capabilities of a store that several processes share.

  /** Producer leases kept beside the operations, so that any process can end the operations of one that died (PRODUCER_LOST). */
  leases?(leaseMs: number, logger?: Logger): ProducerLeases;
  /** Hears the events other processes store, for this process's SSE streams. */
  relay?(logger?: Logger): EventRelay;
  /**
   * The Socket.IO adapter that carries room broadcasts between the processes sharing this
   * store. A store that offers it sends each event to its room itself (`AppendResult.broadcast`).
   */
  socketAdapter?(): Promise<NonNullable<ServerOptions['adapter']>>;
  /**
   * Token buckets kept beside the operations, so that a limit on attempts (socket handshakes
   * per user, per address) holds across every process sharing the store. `name` keeps the
   * buckets of different limits apart.
   */
  attemptLimiter?(name: string, limit: TokenBucketLimit): AttemptLimiter;

  /** Answers once the store is reachable (Redis: PING); health checks time it and bound it. */
  probe?(): Promise<StoreProbe>;
}
