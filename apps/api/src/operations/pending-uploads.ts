import { Injectable } from '@nestjs/common';
import type { AnnouncedFile } from './upload-start-request.schema.js';
import type { UploadedFilePart } from './uploaded-file.js';

/** An announced upload whose bytes have not all arrived yet. */
interface PendingUpload {
  userId: string;
  tenantId: string;
  files: readonly AnnouncedFile[];
  /** Bytes of file `index` received so far. */
  onBytes: (index: number, bytes: number) => void;
  resolve: (parts: UploadedFilePart[]) => void;
  reject: (error: Error) => void;
}

/**
 * The uploads announced with `POST /api/files/uploads` and waiting for their content:
 * the operation's work waits here, the content request hands the bytes over.
 */
@Injectable()
export class PendingUploads {
  private readonly pending = new Map<string, PendingUpload>();

  /**
   * Waits for the content of an announced upload. Rejects when the operation is cancelled
   * (its signal), when nothing arrives within `timeoutMs`, or when the content request breaks off.
   */
  wait(
    operationId: string,
    owner: { userId: string; tenantId: string },
    files: readonly AnnouncedFile[],
    options: { signal: AbortSignal; timeoutMs: number; onBytes: PendingUpload['onBytes'] },
  ): Promise<UploadedFilePart[]> {
    return new Promise((resolve, reject) => {
      const settle = () => {
        clearTimeout(timer);
        options.signal.removeEventListener('abort', onAbort);
        this.pending.delete(operationId);
      };
      const onAbort = () => {
        settle();
        reject(options.signal.reason);
      };
      const timer = setTimeout(() => {
        settle();
        reject(new Error(`The files did not arrive within ${Math.round(options.timeoutMs / 1000)} s of the upload being announced`));
      }, options.timeoutMs);
      if (options.signal.aborted) return onAbort();
      options.signal.addEventListener('abort', onAbort, { once: true });
      this.pending.set(operationId, {
        ...owner,
        files,
        onBytes: options.onBytes,
        resolve: (parts) => {
          settle();
          resolve(parts);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
      });
    });
  }

  /** The pending upload this user may send content for; undefined for anyone else (so existence does not leak). */
  find(operationId: string, user: { userId: string; tenantId: string }): Omit<PendingUpload, 'userId' | 'tenantId'> | undefined {
    const found = this.pending.get(operationId);
    return found && found.userId === user.userId && found.tenantId === user.tenantId ? found : undefined;
  }
}
