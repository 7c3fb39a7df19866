import type { ErrorCode } from './error-codes.js';
import type { OperationSnapshot } from './operation.js';
import type { StoredEvent } from './payloads.js';

export interface ErrorBody {
  code: ErrorCode;
  message: string;
}

/** Every refused request is acknowledged with this. */
export interface AckFailure {
  ok: false;
  error: ErrorBody;
}

export type Ack<T extends object = object> = ({ ok: true } & T) | AckFailure;

export type SubscribeAck = Ack<{ snapshot: OperationSnapshot; events: StoredEvent[]; recovered: boolean }>;
export type UnsubscribeAck = Ack;
export type CancelAck = Ack;
export type DeleteAck = Ack;
export type ListAck = Ack<{ operations: OperationSnapshot[] }>;
export type AuthRefreshAck = Ack;

/** The body of every HTTP error (docs/protocol.md, HTTP and Server-Sent Events). */
export interface HttpErrorBody {
  error: ErrorBody;
}
