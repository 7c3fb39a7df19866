import { type IngestErrorCode, RequestErrorCode, type RuntimeErrorCode } from '@liveprogress/protocol';

/**
 * Errors the runtime throws to application code, each with a code and a message that names
 * the fix: the runtime's own codes, or the wire code that tells an HTTP producer the same
 * thing (OPERATION_ENDED).
 */
export class LiveProgressError extends Error {
  constructor(
    readonly code: RuntimeErrorCode | IngestErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LiveProgressError';
  }
}

export class LiveProgressConfigError extends LiveProgressError {
  constructor(message: string) {
    super('CONFIG_INVALID', message);
    this.name = 'LiveProgressConfigError';
  }
}

export class InvalidOperationInputError extends LiveProgressError {
  constructor(message: string) {
    super('INVALID_ARGUMENT', message);
    this.name = 'InvalidOperationInputError';
  }
}

/**
 * The store refused what a handle reported: the operation had already ended through
 * another process (completed, failed, cancelled, PRODUCER_LOST, STALLED) or is gone. Nothing the
 * handle reports is stored any more; stop the work.
 */
export class OperationEndedError extends LiveProgressError {
  constructor(readonly operationId: string) {
    super(
      'OPERATION_ENDED',
      `Operation "${operationId}" has already ended elsewhere (or is gone): what was reported after that is not stored; stop reporting on it`,
    );
    this.name = 'OperationEndedError';
  }
}

/**
 * A store call made for a client request did not settle within `storeTimeoutMs`: the
 * store is stalled or out of reach. The request is answered `STORE_UNAVAILABLE` (HTTP 503)
 * at once rather than left hanging for as long as the outage lasts.
 */
export class StoreUnavailableError extends Error {
  /** The wire code it is answered with (a request code, not a runtime one: it travels). */
  readonly code = RequestErrorCode.STORE_UNAVAILABLE;
  constructor(
    readonly what: string,
    readonly timeoutMs: number,
  ) {
    super(`The operation store did not answer (${what}) within ${timeoutMs} ms; retry shortly`);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * Starting an operation was refused because the operations still running fill the in-memory
 * store's bounds (`memory.maxOperations`, `memory.maxRetainedBytes`): finished ones are
 * evicted to make room, running ones never are. Nothing was stored; nothing running was
 * touched. HTTP answers it `503 STORE_FULL` (docs/protocol.md, HTTP and Server-Sent Events).
 */
export class StoreFullError extends Error {
  /** The wire code it is answered with. */
  readonly code = RequestErrorCode.STORE_FULL;
  constructor(
    readonly running: number,
    readonly retainedBytes: number,
    readonly bound: string,
  ) {
    super(
      `The in-memory operation store is full: ${running} running operations hold ${retainedBytes} bytes, at its bound (${bound}); retry when some have ended`,
    );
    this.name = 'StoreFullError';
  }
}
