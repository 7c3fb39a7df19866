import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, PayloadTooLargeException } from '@nestjs/common';
import { LiveProgressHttpException } from '@liveprogress/nest';
import { catchError, type Observable, throwError } from 'rxjs';
import type { CountedUploadRequest } from './counting-memory-storage.js';
import { fileTooLargeMessage } from './upload-limits.js';

/**
 * Multer stops a file at the size limit with a bare "File too large"; this names the file
 * (the one being received when the limit hit). Put it before FilesInterceptor.
 */
@Injectable()
export class NameOversizedFileInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const req = context.switchToHttp().getRequest<CountedUploadRequest>();
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          throwError(() =>
            error instanceof PayloadTooLargeException && req.uploadingFile
              ? new LiveProgressHttpException('INVALID_PAYLOAD', fileTooLargeMessage(req.uploadingFile))
              : error,
          ),
        ),
      );
  }
}
