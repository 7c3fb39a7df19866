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
  INTERNAL: 'INTERNAL',
} as const;
export type RequestErrorCode = (typeof RequestErrorCode)[keyof typeof RequestErrorCode];

/** Every code the server may answer with. */
export const ErrorCode = { ...AuthErrorCode, ...RequestErrorCode } as const;
export type ErrorCode = AuthErrorCode | RequestErrorCode;

/** Codes an operation's own `error.code` carries for outcomes the server decides. */
export const OperationErrorCode = {
  CANCELLED: 'CANCELLED',
  PRODUCER_LOST: 'PRODUCER_LOST',
} as const;
export type OperationErrorCode = (typeof OperationErrorCode)[keyof typeof OperationErrorCode];

/** The `connect_error` message of every refused connection. */
export const UNAUTHORIZED_MESSAGE = 'unauthorized' as const;

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
  INTERNAL: 500,
};

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ErrorCode, value);
}
