/** A file part of a multipart upload, as multer hands it over (memory storage). */
export interface UploadedFilePart {
  originalname: string;
  mimetype: string;
  size: number;
  buffer: Buffer;
}
