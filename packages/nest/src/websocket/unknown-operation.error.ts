import { LiveProgressError } from '@liveprogress/core';

/** WebSocketService was given an operation id that no process knows and no request names an owner for. */
export class UnknownOperationError extends LiveProgressError {
  constructor(
    readonly operationId: string,
    /** Why the request that started the work had no user; absent when the call came from outside any HTTP request. */
    readonly reason: string | undefined,
    tenantClaim: string,
  ) {
    super(
      'OPERATION_UNKNOWN',
      `Operation "${operationId}" is not known and has no owner: ${reason ?? 'it was reported from outside any HTTP request'}. ` +
        `Fix: let the guard that authenticates the request set \`req.user\` with \`id\` (or \`sub\`) and \`${tenantClaim}\`, ` +
        'pass `resolveUser` to LiveProgressModule.forRoot, or guard the route with LiveProgressAuthGuard; ' +
        'from a job or a timer, pass `owner: { userId, tenantId }` with the first update or start it with OperationsService.start().',
    );
    this.name = 'UnknownOperationError';
  }
}
