/** Errors the module throws to application code, each with a code and a message that names the fix. */
export class LiveProgressError extends Error {
  constructor(
    readonly code: string,
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

export class UnknownOperationError extends LiveProgressError {
  constructor(operationId: string) {
    super(
      'OPERATION_UNKNOWN',
      `Operation "${operationId}" is not known and nobody can own it: call WebSocketService from work started inside ` +
        'a request guarded by LiveProgressAuthGuard, pass `owner: { userId, tenantId }` with the first update, ' +
        'or start it with OperationsService.start().',
    );
    this.name = 'UnknownOperationError';
  }
}
