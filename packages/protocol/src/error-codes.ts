/** Why a connection or an HTTP call was refused (docs/protocol.md, Authentication). */
export const AuthErrorCode = {
  TOKEN_MISSING: 'TOKEN_MISSING',
  TOKEN_INVALID: 'TOKEN_INVALID',
  TOKEN_EXPIRED: 'TOKEN_EXPIRED',
  TENANT_MISSING: 'TENANT_MISSING',
} as const;
export type AuthErrorCode = (typeof AuthErrorCode)[keyof typeof AuthErrorCode];

/** Why a request was refused (docs/protocol.md, Client → server requests). */
export const RequestErrorCode = {
  INVALID_PAYLOAD: 'INVALID_PAYLOAD',
  NOT_FOUND: 'NOT_FOUND',
  RATE_LIMITED: 'RATE_LIMITED',
  NOT_CANCELLABLE: 'NOT_CANCELLABLE',
  /** `operation.delete` of an operation that has not ended yet: cancel it first, or wait. */
  OPERATION_RUNNING: 'OPERATION_RUNNING',
  /** The caller may see the operation but may not do this to it (deleting another user's operation without the admin role). */
  FORBIDDEN: 'FORBIDDEN',
  /** The operation store did not answer within the server's bound (default 5 s); retry shortly. */
  STORE_UNAVAILABLE: 'STORE_UNAVAILABLE',
  /** Starting an operation was refused: operations still running fill the server's in-memory store (`memory` bounds); nothing running was dropped. Retry later. */
  STORE_FULL: 'STORE_FULL',
  INTERNAL: 'INTERNAL',
} as const;
export type RequestErrorCode = (typeof RequestErrorCode)[keyof typeof RequestErrorCode];

/** Why `POST {prefix}/:id/events` refused a producer's event (docs/protocol.md, 10. HTTP and Server-Sent Events). */
export const IngestErrorCode = {
  /** A `start` for an id that is already taken. */
  OPERATION_EXISTS: 'OPERATION_EXISTS',
  /** An event for an operation that has ended (completed, failed, cancelled, or lost its producer): stop reporting. */
  OPERATION_ENDED: 'OPERATION_ENDED',
} as const;
export type IngestErrorCode = (typeof IngestErrorCode)[keyof typeof IngestErrorCode];

/** Every code the server may answer with. */
export const ErrorCode = { ...AuthErrorCode, ...RequestErrorCode, ...IngestErrorCode } as const;
export type ErrorCode = AuthErrorCode | RequestErrorCode | IngestErrorCode;

/** Codes an operation's own `error.code` carries for outcomes the server decides. */
export const OperationErrorCode = {
  CANCELLED: 'CANCELLED',
  PRODUCER_LOST: 'PRODUCER_LOST',
  /** A running operation reported nothing for `staleAfterMs` (default 10 minutes). */
  STALLED: 'STALLED',
  /** A task failed under the `'fail-operation'` task failure policy. */
  TASK_FAILED: 'TASK_FAILED',
} as const;
export type OperationErrorCode = (typeof OperationErrorCode)[keyof typeof OperationErrorCode];

/** The `connect_error` message of a connection refused for its token (`err.data.code` says why). */
export const UNAUTHORIZED_MESSAGE = 'unauthorized' as const;

/** The `connect_error` message of a connection attempt over the handshake limits (`err.data.code` is `RATE_LIMITED`): back off and retry. */
export const RATE_LIMITED_MESSAGE = 'rate_limited' as const;

/** HTTP status for each code (docs/protocol.md, HTTP and Server-Sent Events). */
export const HTTP_STATUS_BY_CODE: Readonly<Record<ErrorCode, number>> = {
  TOKEN_MISSING: 401,
  TOKEN_INVALID: 401,
  TOKEN_EXPIRED: 401,
  TENANT_MISSING: 401,
  INVALID_PAYLOAD: 400,
  NOT_FOUND: 404,
  RATE_LIMITED: 429,
  NOT_CANCELLABLE: 409,
  OPERATION_RUNNING: 409,
  FORBIDDEN: 403,
  STORE_UNAVAILABLE: 503,
  STORE_FULL: 503,
  INTERNAL: 500,
  OPERATION_EXISTS: 409,
  OPERATION_ENDED: 409,
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ErrorCode, value);
}

// Codes below are thrown to the calling code, in its own process, and never travel on the wire.

/** A caller's mistake, the same on the server and in the client: the message names the fix. */
export const UsageErrorCode = {
  /** An option is missing or out of range (module, publisher or client options). */
  CONFIG_INVALID: 'CONFIG_INVALID',
  /** A method was called with an argument it cannot take. */
  INVALID_ARGUMENT: 'INVALID_ARGUMENT',
} as const;
export type UsageErrorCode = (typeof UsageErrorCode)[keyof typeof UsageErrorCode];

/**
 * A catalogue that also holds the usage codes. A call marked pure, with a plain literal for an argument,
 * lets a bundler drop a catalogue nobody imports (an object spread at the top level it must keep).
 */
function withUsageCodes<const Codes extends Record<string, string>>(codes: Codes): typeof UsageErrorCode & Codes {
  return { ...UsageErrorCode, ...codes };
}

/** Codes the server runtime (`@liveprogress/core`, `@liveprogress/nest`) throws to application code. */
export const RuntimeErrorCode = /* @__PURE__ */ withUsageCodes({
  /** WebSocketService was given an operation id that nobody can own. */
  OPERATION_UNKNOWN: 'OPERATION_UNKNOWN',
  /** An application event name outside the allowed pattern. */
  EVENT_NAME_INVALID: 'EVENT_NAME_INVALID',
  /** `sendToRooms` without room names. */
  ROOMS_INVALID: 'ROOMS_INVALID',
  /** A toast or table refresh with nobody to send it to. */
  AUDIENCE_MISSING: 'AUDIENCE_MISSING',
});
export type RuntimeErrorCode = (typeof RuntimeErrorCode)[keyof typeof RuntimeErrorCode];

/** Codes the client raises on its own, next to the codes the server answers with. */
export const ClientErrorCode = /* @__PURE__ */ withUsageCodes({
  /** The server did not acknowledge a request within `requestTimeoutMs`. */
  TIMEOUT: 'TIMEOUT',
  /** The request needs a connection and there is none (or it dropped before the ack). */
  DISCONNECTED: 'DISCONNECTED',
  /** The client was closed; create a new one. */
  CLOSED: 'CLOSED',
  /** The server could not be reached (transport error, not an auth refusal). */
  CONNECTION_FAILED: 'CONNECTION_FAILED',
  /** `getToken()` threw or returned something that is not a non-empty string. */
  TOKEN_UNAVAILABLE: 'TOKEN_UNAVAILABLE',
  /** The server answered with something the contract does not describe. */
  INVALID_RESPONSE: 'INVALID_RESPONSE',
});
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];
