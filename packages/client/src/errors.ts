import { ClientErrorCode, type ErrorCode } from '@liveprogress/protocol';

// The client's own codes live in the protocol's error-code catalogue, next to the server's.
export { ClientErrorCode };

export type LiveProgressClientErrorCode = ErrorCode | ClientErrorCode;

// A registered symbol marks every instance, so `instanceof` holds across copies of this class: the
// CommonJS build of `@liveprogress/client/fallback` bundles its own, and an app may load both builds.
const BRAND = Symbol.for('@liveprogress/client/error');

/** Every error the client reports: a contract code or a client code, and a message that says what to do. */
export class LiveProgressClientError extends Error {
  static override [Symbol.hasInstance](value: unknown): boolean {
    return (value as { [BRAND]?: unknown } | null | undefined)?.[BRAND] === true;
  }

  override readonly name = 'LiveProgressClientError' as const;
  readonly [BRAND] = true;
  readonly code: LiveProgressClientErrorCode;
  readonly details?: unknown;

  constructor(code: LiveProgressClientErrorCode, message: string, options: { details?: unknown; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    if (options.details !== undefined) this.details = options.details;
  }
}

export function isLiveProgressClientError(value: unknown): value is LiveProgressClientError {
  return value instanceof LiveProgressClientError;
}
