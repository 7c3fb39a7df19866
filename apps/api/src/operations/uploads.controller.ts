import { Body, Controller, Headers, Param, Post, Req, UploadedFiles, UseGuards, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { LiveProgressAuthGuard, LiveProgressHttpException, type RequestWithUser, requestUser } from '@liveprogress/nest';
import { parseInbound } from '@liveprogress/protocol/schemas';
import { AnnouncedUploadService, matchesAnnounced } from './announced-upload.service.js';
import { countingMemoryStorage } from './counting-memory-storage.js';
import { checkContentType } from './demo-request.js';
import { DEMO_STAGES } from './demo-stages.js';
import { NameOversizedFileInterceptor } from './name-oversized-file.interceptor.js';
import { PendingUploads } from './pending-uploads.js';
import { UploadContentInterceptor } from './upload-content.interceptor.js';
import { fileTooLargeMessage, MAX_UPLOAD_FILE_BYTES, MAX_UPLOAD_FILES } from './upload-limits.js';
import { uploadStartRequestSchema } from './upload-start-request.schema.js';
import type { UploadedFilePart } from './uploaded-file.js';

/**
 * The upload in two requests (docs/protocol.md, The demo API): announce the files, which starts
 * the operation, then send their bytes; the operation's "receiving" stage follows them.
 */
@Controller('api/files/uploads')
@UseGuards(LiveProgressAuthGuard)
export class UploadsController {
  constructor(
    private readonly uploads: AnnouncedUploadService,
    private readonly pending: PendingUploads,
  ) {}

  @Post()
  announce(@Body() body: unknown, @Req() req: RequestWithUser, @Headers('content-type') contentType: string | undefined) {
    checkContentType(contentType, false);
    const parsed = parseInbound(uploadStartRequestSchema, body ?? {});
    if (!parsed.success) throw new LiveProgressHttpException('INVALID_PAYLOAD', parsed.message);
    const tooLarge = parsed.data.files.find((file) => file.size > MAX_UPLOAD_FILE_BYTES);
    if (tooLarge) throw new LiveProgressHttpException('INVALID_PAYLOAD', fileTooLargeMessage(tooLarge.name, tooLarge.size));
    const failAt = parsed.data.simulate?.failAtStage;
    if (failAt !== undefined && !DEMO_STAGES.file_upload.some((stage) => stage.id === failAt)) {
      throw new LiveProgressHttpException('INVALID_PAYLOAD', `simulate.failAtStage: "${failAt}" is not a stage of file_upload`);
    }
    const user = requestUser(req);
    if (!user) throw new Error('LiveProgressAuthGuard did not run');
    return { success: true, message: 'Operation started', data: this.uploads.start(user, parsed.data) };
  }

  @Post(':id/content')
  @UseInterceptors(
    UploadContentInterceptor,
    NameOversizedFileInterceptor,
    FilesInterceptor('file', MAX_UPLOAD_FILES, { storage: countingMemoryStorage, limits: { fileSize: MAX_UPLOAD_FILE_BYTES } }),
  )
  content(@Param('id') id: string, @Req() req: RequestWithUser, @UploadedFiles() files: UploadedFilePart[] | undefined) {
    const user = requestUser(req);
    const upload = user ? this.pending.find(id, user) : undefined;
    // Cancelled (or timed out) while the bytes were on their way.
    if (!upload) throw new LiveProgressHttpException('NOT_FOUND', `Upload "${id}" is no longer waiting for its files: it was cancelled or has ended`);
    const mismatch = matchesAnnounced(files ?? [], upload.files);
    if (mismatch) {
      upload.reject(new Error(`The files sent are not the ones announced: ${mismatch}`));
      throw new LiveProgressHttpException('INVALID_PAYLOAD', mismatch);
    }
    upload.resolve(files ?? []);
    return { success: true, message: 'Files received', data: { operationId: id } };
  }
}
