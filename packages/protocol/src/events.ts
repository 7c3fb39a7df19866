/** Events the server emits (docs/protocol.md, Server → client events), as one catalogue. */
export const ServerEvent = {
  PROGRESS_UPDATED: 'progress.updated',
  PROGRESS_COMPLETED: 'progress.completed',
  PROGRESS_FAILED: 'progress.failed',
  AUTH_EXPIRED: 'auth.expired',
  /** `{ operationId }`, to the operation's room when it is deleted; nothing follows it. */
  OPERATION_DELETED: 'operation.deleted',
  SYSTEM_ALERT: 'platform.system.alert',
  TABLE_REFRESH: 'platform.table.refresh',
} as const;
export type ServerEvent = (typeof ServerEvent)[keyof typeof ServerEvent];

/** The three events that make up an operation's stored history. */
export const ProgressEvent = {
  UPDATED: ServerEvent.PROGRESS_UPDATED,
  COMPLETED: ServerEvent.PROGRESS_COMPLETED,
  FAILED: ServerEvent.PROGRESS_FAILED,
} as const;
export type ProgressEventName = (typeof ProgressEvent)[keyof typeof ProgressEvent];

/** Requests a client sends, every one acknowledged (docs/protocol.md, Client → server requests). */
export const ClientRequest = {
  SUBSCRIBE: 'operation.subscribe',
  UNSUBSCRIBE: 'operation.unsubscribe',
  CANCEL: 'operation.cancel',
  DELETE: 'operation.delete',
  LIST: 'operations.list',
  AUTH_REFRESH: 'auth.refresh',
} as const;
export type ClientRequest = (typeof ClientRequest)[keyof typeof ClientRequest];

/** Names an application may give its own events. */
export const CUSTOM_EVENT_NAME_PATTERN = /^[a-z0-9][a-z0-9_.:-]{0,127}$/;

export function isValidEventName(name: string): boolean {
  return CUSTOM_EVENT_NAME_PATTERN.test(name);
}
