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
  RATE_LIMITED_MESSAGE,
  HTTP_STATUS_BY_CODE,
  isErrorCode,
} from './error-codes.js';
export { ServerEvent, ProgressEvent, ClientRequest, isValidEventName } from './events.js';
export type { ProgressEventName } from './events.js';
export { Limits, OPERATION_ID_MAX_LENGTH } from './limits.js';
export {
  OperationStatus,
  isTerminalStatus,
  TaskStatus,
  Visibility,
} from './operation.js';
export type {
  TerminalStatus,
  StageDefinition,
  TaskSnapshot,
  OperationErrorInfo,
  OperationSnapshot,
} from './operation.js';
export { isTerminalEvent } from './terminal-event.js';
export type { EventInput, SnapshotPatch } from './event-input.js';
export { eventPatch, patchInto } from './event-patch.js';
export { applyEvent } from './apply-event.js';
export { countTasks } from './task-counts.js';
export type { TaskCounts } from './task-counts.js';
export { stepOf } from './operation-step.js';
export { startOf } from './operation-start.js';
export type { OperationStep } from './operation-step.js';
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
  OperationDeletedPayload,
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
  DeleteRequest,
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
// The SSE framing of docs/protocol.md §10, parsed once: the client's SSE transport and every test read SSE with it.
export { SseParser } from './sse-parser.js';
export type { SseItem } from './sse-parser.js';
// Typed operation contracts (docs/typed-operations.md): shared by the code that runs an operation and the code that shows it.
export { defineOperation, typeOnly, checkContractField, checkContractStage, contractStageDefinitions, isOperationContract } from './operation-contract.js';
export type {
  OperationContract,
  OperationContractDefinition,
  AnyOperationContract,
  ContractStage,
  ContractDetails,
  ContractResult,
  ContractCheck,
  FieldSpec,
  FieldType,
  StageSpec,
  TypeOnly,
} from './operation-contract.js';
export type { StandardSchemaV1, StandardSchemaResult, StandardSchemaIssue, StandardSchemaOutput } from './standard-schema.js';
