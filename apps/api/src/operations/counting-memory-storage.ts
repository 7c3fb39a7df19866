import type { Request } from 'express';
import type { UploadedFilePart } from './uploaded-file.js';

/** Set on the request by UploadContentInterceptor: hears the bytes of each file as they arrive. */
export interface CountedUploadRequest extends Request {
  onUploadBytes?: (index: number, bytes: number) => void;
  /** The file being received, so a size-limit error can name it. */
  uploadingFile?: string;
  uploadFileCount?: number;
}

interface MulterFile {
  originalname: string;
  stream: NodeJS.ReadableStream;
}

/**
 * A multer storage engine that keeps files in memory, like multer's own memory storage,
 * and tells the request how many bytes of each file have arrived so far — so the
 * operation's "receiving" stage follows the real bytes.
 */
export const countingMemoryStorage = {
  _handleFile(req: CountedUploadRequest, file: MulterFile, done: (error: Error | null, info?: Partial<UploadedFilePart>) => void): void {
    const index = req.uploadFileCount ?? 0;
    req.uploadFileCount = index + 1;
    req.uploadingFile = file.originalname;
    const chunks: Buffer[] = [];
    let size = 0;
    file.stream.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      size += chunk.length;
      req.onUploadBytes?.(index, size);
    });
    file.stream.on('error', (error: Error) => done(error));
    file.stream.on('end', () => done(null, { buffer: Buffer.concat(chunks), size }));
  },
  _removeFile(_req: Request, file: { buffer?: Buffer }, done: (error: Error | null) => void): void {
    delete file.buffer;
    done(null);
  },
};
