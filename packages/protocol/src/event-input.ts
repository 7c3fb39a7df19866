import type { OperationSnapshot } from './operation.js';
import type { StoredEvent } from './payloads.js';

/** A progress event before the store numbers it: a `StoredEvent` without `seq`. */
export type EventInput = StoredEvent extends infer E ? (E extends StoredEvent ? Omit<E, 'seq'> : never) : never;

/** Snapshot fields an event changes; `seq` and `updatedAt` are set by whoever numbers the event. */
export type SnapshotPatch = Partial<Omit<OperationSnapshot, 'operationId' | 'seq' | 'ownerId' | 'tenantId' | 'createdAt'>>;
