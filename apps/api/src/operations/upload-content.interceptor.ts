import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { LiveProgressHttpException, requestUser } from '@liveprogress/nest';
import type { Observable } from 'rxjs';
import type { CountedUploadRequest } from './counting-memory-storage.js';
import { PendingUploads } from './pending-uploads.js';

/**
 * Runs before multer reads the content of an announced upload: only its owner may send it
 * (anyone else gets NOT_FOUND before a byte is read), every chunk that arrives moves the
 * operation's "receiving" stage, and a request that breaks off fails the operation.
 */
@Injectable()
export class UploadContentInterceptor implements NestInterceptor {
  constructor(private readonly pending: PendingUploads) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<CountedUploadRequest>();
    const user = requestUser(req);
    const operationId = String(req.params.id ?? '');
    const upload = user ? this.pending.find(operationId, user) : undefined;
    if (!upload) throw new LiveProgressHttpException('NOT_FOUND', `No upload "${operationId}" is waiting for its files`);
    req.onUploadBytes = upload.onBytes;
    req.once('close', () => {
      // The browser went away (or aborted) before the whole body arrived.
      if (!req.complete) upload.reject(new Error('The upload was interrupted before all the files arrived'));
    });
    return next.handle();
  }
}
