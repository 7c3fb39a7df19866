import type { AuthRefreshAck, CancelAck, ListAck, SubscribeAck, UnsubscribeAck } from './acks.js';
import type {
  AuthExpiredPayload,
  ProgressCompletedPayload,
  ProgressFailedPayload,
  ProgressUpdatedPayload,
  SystemAlertPayload,
  TableRefreshPayload,
} from './payloads.js';
import type { AuthRefreshRequest, CancelRequest, ListRequest, SubscribeRequest, UnsubscribeRequest } from './schemas.js';

/** Server→client events, for Socket.IO's typed `on`/`emit`. */
export interface ServerToClientEvents {
  'progress.updated': (payload: ProgressUpdatedPayload) => void;
  'progress.completed': (payload: ProgressCompletedPayload) => void;
  'progress.failed': (payload: ProgressFailedPayload) => void;
  'auth.expired': (payload: AuthExpiredPayload) => void;
  'platform.system.alert': (payload: SystemAlertPayload) => void;
  'platform.table.refresh': (payload: TableRefreshPayload) => void;
}

/** Client→server requests with their acknowledgements. */
export interface ClientToServerEvents {
  'operation.subscribe': (request: SubscribeRequest, ack: (response: SubscribeAck) => void) => void;
  'operation.unsubscribe': (request: UnsubscribeRequest, ack: (response: UnsubscribeAck) => void) => void;
  'operation.cancel': (request: CancelRequest, ack: (response: CancelAck) => void) => void;
  'operations.list': (request: ListRequest, ack: (response: ListAck) => void) => void;
  'auth.refresh': (request: AuthRefreshRequest, ack: (response: AuthRefreshAck) => void) => void;
}

export type ServerEventPayload<E extends keyof ServerToClientEvents> = Parameters<ServerToClientEvents[E]>[0];
export type RequestPayload<E extends keyof ClientToServerEvents> = Parameters<ClientToServerEvents[E]>[0];
export type RequestAck<E extends keyof ClientToServerEvents> = Parameters<Parameters<ClientToServerEvents[E]>[1]>[0];
