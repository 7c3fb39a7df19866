import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { StoreFullError, StoreUnavailableError } from '@liveprogress/core';
import { type Observable, catchError, throwError } from 'rxjs';
import { LiveProgressHttpException } from './live-progress-http.exception.js';

/**
 * Answers the store's refusals in the contract's shape on every HTTP route of the app, the app's
 * own included: a route that calls `OperationsService.start()` while Redis is unreachable or the
 * in-memory store is full answers `503 { error: { code: 'STORE_UNAVAILABLE' | 'STORE_FULL' } }`
 * rather than Nest's bare 500 (docs/protocol.md, HTTP and Server-Sent Events). The module provides
 * it as APP_INTERCEPTOR; socket requests answer the same codes in their acks themselves.
 */
@Injectable()
export class StoreErrorsInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (execution.getType() !== 'http') return next.handle();
    return next.handle().pipe(catchError((err: unknown) => throwError(() => toHttpException(err))));
  }
}

function toHttpException(err: unknown): unknown {
  if (err instanceof StoreUnavailableError) return new LiveProgressHttpException('STORE_UNAVAILABLE', err.message);
  if (err instanceof StoreFullError) return new LiveProgressHttpException('STORE_FULL', err.message);
  return err;
}
