import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { StoreUnavailableError } from '@liveprogress/core';
import { type Observable, catchError, throwError } from 'rxjs';
import { LiveProgressHttpException } from './live-progress-http.exception.js';

/**
 * Answers a store call that missed its deadline (StoreUnavailableError, thrown by
 * OperationsService's bounded calls) as `503 { error: { code: 'STORE_UNAVAILABLE' } }`,
 * for every endpoint of the module, SSE set-up included (docs/protocol.md, HTTP and Server-Sent Events).
 */
@Injectable()
export class StoreUnavailableInterceptor implements NestInterceptor {
  intercept(_execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((err: unknown) =>
          throwError(() => (err instanceof StoreUnavailableError ? new LiveProgressHttpException('STORE_UNAVAILABLE', err.message) : err)),
        ),
      );
  }
}
