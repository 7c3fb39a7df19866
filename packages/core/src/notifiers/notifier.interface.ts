import type { OperationSnapshot, StoredEvent } from '@liveprogress/protocol';
import { type LifecycleStatus, lifecycleStatusOf } from '../lifecycle/lifecycle-status.js';

/** One lifecycle event, as sent to outside systems. */
export interface OperationNotice {
  type: `operation.${LifecycleStatus}`;
  operationId: string;
  operationType: string;
  tenantId: string;
  ownerId: string;
  event: StoredEvent;
  snapshot: OperationSnapshot;
  timestamp: number;
}

/**
 * Sends lifecycle events to an outside system (a webhook, a queue, a chat channel).
 * `notify` must return quickly: queue the work, do not block delivery on it.
 */
export interface Notifier {
  notify(notice: OperationNotice): void;
  /** Stops sending; called at application shutdown. */
  close?(): Promise<void>;
}

export function toNotice(event: StoredEvent, snapshot: OperationSnapshot): OperationNotice {
  return {
    type: `operation.${lifecycleStatusOf(event)}`,
    operationId: event.operationId,
    operationType: event.operationType,
    tenantId: snapshot.tenantId,
    ownerId: snapshot.ownerId,
    event,
    snapshot,
    timestamp: event.timestamp,
  };
}
