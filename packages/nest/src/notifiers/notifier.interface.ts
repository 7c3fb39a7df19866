import type { OperationSnapshot, StoredEvent } from '@liveprogress/protocol';
import type { LifecycleStatus } from '../lifecycle/lifecycle-status.js';

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
