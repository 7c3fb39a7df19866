import type { OperationStatus, StoredEvent } from '@liveprogress/protocol';
import type { ConnectionState } from './connection-state.js';
import { type ErrorReporter, ListenerSet } from './listener-set.js';
import { createNotifyScheduler, type NotifyMode, type NotifyScheduler } from './notify-scheduler.js';
import type { WatchedOperationInfo } from './operation-cache.js';
import type { SubscriptionStatus } from './operation-state.js';
import type { TransportKind } from './transport.js';

/** How many decoded events the inspector keeps per watched operation. */
export const INSPECTED_EVENTS_KEPT = 20;

/** One applied event, decoded for display. */
export interface InspectedEvent {
  readonly event: StoredEvent['event'];
  readonly seq: number;
  readonly status: OperationStatus;
  readonly stage: string | null;
  readonly progress: number;
  /** The event's message; for `progress.failed`, its error's code and message. */
  readonly message: string | null;
  /** Epoch ms at which this client applied it. */
  readonly receivedAt: number;
}

/** One operation this client watches, as the inspector sees it. */
export interface InspectedOperation {
  readonly operationId: string;
  /** The last applied seq (0 before the first snapshot). */
  readonly seq: number;
  /** How many watchers share the client's one subscription (its reference count). */
  readonly subscribers: number;
  readonly subscription: SubscriptionStatus;
  /** Epoch ms of the last applied event, null before any. */
  readonly lastEventAt: number | null;
  /** Re-subscribes with afterSeq whose ack said `recovered: true`: the history was replayed with no hole. */
  readonly recoveries: number;
  /** Re-subscribes whose ack said `recovered: false`: events were lost and the snapshot replaced them. */
  readonly gaps: number;
  /** The last applied events, oldest first (at most INSPECTED_EVENTS_KEPT). */
  readonly events: readonly InspectedEvent[];
}

/** What `client.inspect()` returns: immutable, the same object until something changes. */
export interface ClientInspection {
  readonly connection: ConnectionState;
  readonly transport: TransportKind;
  readonly operations: readonly InspectedOperation[];
}

/** The two points where the operation cache tells the inspector what happened. */
export interface OperationObserver {
  /** Events just applied to a watched operation, in seq order. */
  applied(operationId: string, events: readonly StoredEvent[]): void;
  /** A re-subscribe with afterSeq was acknowledged; `recovered` is what the client concluded from the ack. */
  resubscribed(operationId: string, recovered: boolean): void;
}

/** What the inspector reads from the client it inspects. */
export interface InspectorSource {
  connection(): ConnectionState;
  transport(): TransportKind;
  watched(): WatchedOperationInfo[];
  /** Connection and operation-cache changes. */
  subscribe(listener: () => void): () => void;
}

interface OperationRecord {
  events: InspectedEvent[];
  lastEventAt: number | null;
  recoveries: number;
  gaps: number;
}

/**
 * A read-only view of what the client is doing, for devtools. It records only once somebody inspects
 * (`getSnapshot` or `subscribe`), so a client nobody inspects pays one boolean check per applied event;
 * its listeners are notified at most once per frame, like the operation cache's.
 */
export class ClientInspector implements OperationObserver {
  private readonly records = new Map<string, OperationRecord>();
  private readonly listeners: ListenerSet;
  private readonly scheduler: NotifyScheduler;
  private snapshot: ClientInspection | null = null;
  private stopSource: (() => void) | null = null;

  constructor(
    private readonly source: InspectorSource,
    notify: NotifyMode,
    report: ErrorReporter,
  ) {
    this.listeners = new ListenerSet(report, 'an inspector listener');
    this.scheduler = createNotifyScheduler(notify, () => this.listeners.emit());
  }

  getSnapshot = (): ClientInspection => {
    this.enable();
    this.snapshot ??= this.build();
    return this.snapshot;
  };

  subscribe = (listener: () => void): (() => void) => {
    this.enable();
    return this.listeners.add(listener);
  };

  applied(operationId: string, events: readonly StoredEvent[]): void {
    if (!this.stopSource) return;
    const record = this.recordOf(operationId);
    const receivedAt = Date.now();
    for (const event of events) record.events.push(decode(event, receivedAt));
    if (record.events.length > INSPECTED_EVENTS_KEPT) record.events.splice(0, record.events.length - INSPECTED_EVENTS_KEPT);
    record.lastEventAt = receivedAt;
    this.changed();
  }

  resubscribed(operationId: string, recovered: boolean): void {
    if (!this.stopSource) return;
    const record = this.recordOf(operationId);
    if (recovered) record.recoveries += 1;
    else record.gaps += 1;
    this.changed();
  }

  close(): void {
    this.stopSource?.();
    this.scheduler.cancel();
    this.listeners.clear();
    this.records.clear();
  }

  private enable(): void {
    this.stopSource ??= this.source.subscribe(() => this.changed());
  }

  private changed(): void {
    this.snapshot = null;
    this.scheduler.schedule();
  }

  private recordOf(operationId: string): OperationRecord {
    let record = this.records.get(operationId);
    if (!record) {
      record = { events: [], lastEventAt: null, recoveries: 0, gaps: 0 };
      this.records.set(operationId, record);
    }
    return record;
  }

  private build(): ClientInspection {
    const watched = this.source.watched();
    // An operation nobody watches any more takes its record with it.
    const ids = new Set(watched.map((info) => info.operationId));
    for (const id of this.records.keys()) if (!ids.has(id)) this.records.delete(id);
    const operations = watched.map((info): InspectedOperation => {
      const record = this.records.get(info.operationId);
      return Object.freeze({
        operationId: info.operationId,
        seq: info.lastSeq,
        subscribers: info.refCount,
        subscription: info.subscription,
        lastEventAt: record?.lastEventAt ?? null,
        recoveries: record?.recoveries ?? 0,
        gaps: record?.gaps ?? 0,
        events: Object.freeze([...(record?.events ?? [])]),
      });
    });
    return Object.freeze({ connection: this.source.connection(), transport: this.source.transport(), operations: Object.freeze(operations) });
  }
}

function decode(event: StoredEvent, receivedAt: number): InspectedEvent {
  const base = { event: event.event, seq: event.seq, status: event.status, progress: event.progress, receivedAt };
  switch (event.event) {
    case 'progress.updated':
      return Object.freeze({ ...base, stage: event.stage, message: event.message });
    case 'progress.completed':
      return Object.freeze({ ...base, stage: null, message: event.message ?? null });
    case 'progress.failed':
      return Object.freeze({ ...base, stage: null, message: event.error.code ? `${event.error.code}: ${event.error.message}` : event.error.message });
  }
}
