import { LiveProgressError } from '@liveprogress/core';

/** WebSocketService was given an operation id that no process knows and no request names an owner for. */
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
