import { createHash } from 'node:crypto';

/** A file part of a multipart upload, as multer hands it over (memory storage). */
export interface UploadedFilePart {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}

/** What an upload operation reports as its result: each stored file, with its SHA-256, and the total. */
export interface UploadResult {
  files: Array<{ name: string; size: number; type: string; sha256: string; path: string }>;
  totalBytes: number;
}

/** The SHA-256 of each part, in hex: what the demo "stores" a file under. */
export function hashParts(parts: readonly UploadedFilePart[]): string[] {
  return parts.map((part) => createHash('sha256').update(part.buffer).digest('hex'));
}

/** The result of uploading `parts` (hashed by `hashParts`) into `destination` (default `uploads/`). */
export function uploadResult(parts: readonly UploadedFilePart[], hashes: readonly string[], destination = 'uploads/'): UploadResult {
  return {
    files: parts.map((part, i) => ({
      name: part.originalname,
      size: part.size,
      type: part.mimetype,
      sha256: hashes[i] ?? '',
      path: `${destination}${part.originalname}`,
    })),
    totalBytes: parts.reduce((n, part) => n + part.size, 0),
  };
}
