import { eventPatch } from './event-patch.js';
import type { OperationSnapshot } from './operation.js';
import type { StoredEvent } from './payloads.js';

/**
 * The snapshot after this event, as the server stores it: how a client folds live
 * and replayed events so that its snapshot equals the one a fresh subscribe returns.
 * An event the snapshot already holds (`seq` not above the snapshot's) changes
 * nothing, and the same snapshot object is returned, so identity marks "no change".
 */
export function applyEvent(snapshot: OperationSnapshot, event: StoredEvent): OperationSnapshot {
  if (event.seq <= snapshot.seq) return snapshot;
  return { ...snapshot, ...eventPatch(event), seq: event.seq, updatedAt: event.timestamp };
}
