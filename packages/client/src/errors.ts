import type { ErrorCode } from '@liveprogress/protocol';

/** Codes the client raises on its own, next to the contract's codes. */
export const ClientErrorCode = {
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
} as const;
export type ClientErrorCode = (typeof ClientErrorCode)[keyof typeof ClientErrorCode];

export type LiveProgressErrorCode = ErrorCode | ClientErrorCode;

/** Every error the client reports: a contract code or a client code, and a message that says what to do. */
export class LiveProgressError extends Error {
  override readonly name = 'LiveProgressError' as const;
  readonly code: LiveProgressErrorCode;
  readonly details?: unknown;

  constructor(code: LiveProgressErrorCode, message: string, options: { details?: unknown; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.details !== undefined) this.details = options.details;
  }
}

export function isLiveProgressError(value: unknown): value is LiveProgressError {
  return value instanceof LiveProgressError;
}
