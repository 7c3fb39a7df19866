import type { AuthRefreshAck, CancelAck, DeleteAck, ListAck, SubscribeAck, UnsubscribeAck } from './acks.js';
import type { ClientRequest, ServerEvent } from './events.js';
import type {
  AuthExpiredPayload,
  OperationDeletedPayload,
  ProgressCompletedPayload,
  ProgressFailedPayload,
  ProgressUpdatedPayload,
  SystemAlertPayload,
  TableRefreshPayload,
} from './payloads.js';
import type { AuthRefreshRequest, CancelRequest, DeleteRequest, ListRequest, SubscribeRequest, UnsubscribeRequest } from './schemas.js';

// The wire names are written once, in events.ts; here each catalogue key gets its types.
// `Exactly` makes a name without types here, or types for a name not in the catalogue, a compile error.

type ServerEventPayloads = Exactly<
  keyof typeof ServerEvent,
  {
    PROGRESS_UPDATED: ProgressUpdatedPayload;
    PROGRESS_COMPLETED: ProgressCompletedPayload;
    PROGRESS_FAILED: ProgressFailedPayload;
    AUTH_EXPIRED: AuthExpiredPayload;
    OPERATION_DELETED: OperationDeletedPayload;
    SYSTEM_ALERT: SystemAlertPayload;
    TABLE_REFRESH: TableRefreshPayload;
  }
>;

type ClientRequestTypes = Exactly<
  keyof typeof ClientRequest,
  {
    SUBSCRIBE: { request: SubscribeRequest; ack: SubscribeAck };
    UNSUBSCRIBE: { request: UnsubscribeRequest; ack: UnsubscribeAck };
    CANCEL: { request: CancelRequest; ack: CancelAck };
    DELETE: { request: DeleteRequest; ack: DeleteAck };
    LIST: { request: ListRequest; ack: ListAck };
    AUTH_REFRESH: { request: AuthRefreshRequest; ack: AuthRefreshAck };
  }
>;

type Exactly<Key extends string, T extends { [K in Key]: unknown } & { [K in Exclude<keyof T, Key>]: never }> = T;

/** Server→client events, for Socket.IO's typed `on`/`emit`. */
export type ServerToClientEvents = {
  [K in keyof typeof ServerEvent as (typeof ServerEvent)[K]]: (payload: ServerEventPayloads[K]) => void;
};

/** Client→server requests with their acknowledgements. */
export type ClientToServerEvents = {
  [K in keyof typeof ClientRequest as (typeof ClientRequest)[K]]: (
    request: ClientRequestTypes[K]['request'],
    ack: (response: ClientRequestTypes[K]['ack']) => void,
  ) => void;
};

export type ServerEventPayload<E extends ServerEvent> = Parameters<ServerToClientEvents[E]>[0];
export type RequestPayload<R extends ClientRequest> = Parameters<ClientToServerEvents[R]>[0];
export type RequestAck<R extends ClientRequest> = Parameters<Parameters<ClientToServerEvents[R]>[1]>[0];
