export {
  AuthErrorCode,
  RequestErrorCode,
  IngestErrorCode,
  ErrorCode,
  OperationErrorCode,
  UsageErrorCode,
  RuntimeErrorCode,
  ClientErrorCode,
  UNAUTHORIZED_MESSAGE,
  HTTP_STATUS_BY_CODE,
  isErrorCode,
} from './error-codes.js';
export { ServerEvent, ProgressEvent, ClientRequest, isValidEventName } from './events.js';
export type { ProgressEventName } from './events.js';
export { Limits } from './limits.js';
export {
  OperationStatus,
  isTerminalStatus,
  TaskStatus,
  Visibility,
} from './operation.js';
export type {
  StageDefinition,
  TaskSnapshot,
  OperationErrorInfo,
  OperationSnapshot,
} from './operation.js';
export { isTerminalEvent } from './payloads.js';
export type {
  ProgressUpdatedPayload,
  ProgressCompletedPayload,
  ProgressFailedPayload,
  ProgressPayload,
  StoredEvent,
  Toast,
  SystemAlertPayload,
  TableRefreshPayload,
  AuthExpiredPayload,
} from './payloads.js';
export type {
  AckFailure,
  Ack,
  HttpErrorBody,
} from './acks.js';
// Request types only: the runtime schemas (and zod) live in `@liveprogress/protocol/schemas`,
// so browser bundles that import names and types from here carry no validation library.
export type {
  SubscribeRequest,
  UnsubscribeRequest,
  CancelRequest,
  ListRequest,
  AuthRefreshRequest,
} from './schemas.js';
export { Rooms } from './rooms.js';
export type {
  ServerToClientEvents,
  ClientToServerEvents,
  ServerEventPayload,
  RequestPayload,
  RequestAck,
} from './catalog.js';
