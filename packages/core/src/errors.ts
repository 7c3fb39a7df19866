import type { RuntimeErrorCode } from '@liveprogress/protocol';

/** Errors the runtime throws to application code, each with a code and a message that names the fix. */
export class LiveProgressError extends Error {
  constructor(
    readonly code: RuntimeErrorCode,
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
