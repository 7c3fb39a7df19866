import type { OperationErrorInfo, OperationStatus, TaskSnapshot } from './operation.js';

/** `progress.updated` (docs/protocol.md, Server → client events). */
export interface ProgressUpdatedPayload {
  operationId: string;
  operationType: string;
  status: Extract<OperationStatus, 'pending' | 'running'>;
  stage: string | null;
  progress: number;
  message: string | null;
  details: Record<string, unknown> | null;
  tasks?: TaskSnapshot[];
  completedTasks?: number;
  totalTasks?: number;
  /** Position of the current stage (1-based) among the operation's stages. */
  step?: number;
  totalSteps?: number;
  timestamp: number;
  estimatedCompletion: number | null;
  seq: number;
}

/** `progress.completed`. */
export interface ProgressCompletedPayload {
  operationId: string;
  operationType: string;
  status: 'completed';
  progress: 100;
  result?: unknown;
  message?: string;
  /** Ids of tasks that failed when the operation completed anyway. */
  failedTasks?: string[];
  tasks?: TaskSnapshot[];
  completedTasks?: number;
  totalTasks?: number;
  timestamp: number;
  seq: number;
}

/** `progress.failed`; a cancellation is `status: "cancelled"` with `error.code: "CANCELLED"`. */
export interface ProgressFailedPayload {
  operationId: string;
  operationType: string;
  status: 'failed' | 'cancelled';
  progress: number;
  error: OperationErrorInfo;
  tasks?: TaskSnapshot[];
  completedTasks?: number;
  totalTasks?: number;
  timestamp: number;
  seq: number;
}

export type ProgressPayload = ProgressUpdatedPayload | ProgressCompletedPayload | ProgressFailedPayload;

/** A stored event as replayed in a subscribe ack or an SSE stream: the live payload plus its name. */
export type StoredEvent =
  | (ProgressUpdatedPayload & { event: 'progress.updated' })
  | (ProgressCompletedPayload & { event: 'progress.completed' })
  | (ProgressFailedPayload & { event: 'progress.failed' });

export type ToastType = 'info' | 'success' | 'warning' | 'error';

export interface Toast {
  title: string;
  message: string;
  type: ToastType;
  duration?: number;
  /**
   * The operation the toast is about. A client shows one toast per operation end: an ending
   * toast (success, warning, error) for an operation it has already toasted the end of is dropped.
   */
  operationId?: string;
}

/** `platform.system.alert`. */
export interface SystemAlertPayload {
  type: 'toast';
  toast: Toast;
}

/** `platform.table.refresh`. */
export interface TableRefreshPayload {
  type: 'table_refresh';
  table: string;
  action: string;
  data?: unknown;
  affectedIds?: string[];
  metadata: { timestamp: number; initiatedBy: string };
}

/** `auth.expired`, sent right before the server disconnects a socket whose token ran out. */
/** `operation.deleted`: the operation is gone; nothing follows it. */
export interface OperationDeletedPayload {
  operationId: string;
}

export interface AuthExpiredPayload {
  code: 'TOKEN_EXPIRED';
  timestamp: number;
}
