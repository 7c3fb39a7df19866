import { Body, Controller, Headers, Post, Req, UploadedFiles, UseGuards, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { LiveProgressAuthGuard, requestUser, type RequestWithUser } from '@liveprogress/nest';
import { DemoOperationsService } from './demo-operations.service.js';
import { checkContentType, parseDemoRequest } from './demo-request.js';
import { MyOperationService } from './my-operation.service.js';
import type { UploadedFilePart } from './uploaded-file.js';
import { countingMemoryStorage } from './counting-memory-storage.js';
import { NameOversizedFileInterceptor } from './name-oversized-file.interceptor.js';
import { MAX_UPLOAD_FILE_BYTES, MAX_UPLOAD_FILES } from './upload-limits.js';

interface Started {
  success: true;
  message: string;
  data: { operationId: string; estimatedDuration: number };
}

const started = (data: Started['data']): Started => ({ success: true, message: 'Operation started', data });

/** The four example endpoints (docs/protocol.md, The demo API), each answering 201 with the operation id. */
@Controller('api')
@UseGuards(LiveProgressAuthGuard)
export class DemoOperationsController {
  constructor(
    private readonly myOperationService: MyOperationService,
    private readonly demo: DemoOperationsService,
  ) {}

  @Post('my-operations')
  async createOperation(
    @Body() body: unknown,
    @Req() req: RequestWithUser & { user: { id: string; tenantId: string } },
    @Headers('content-type') contentType: string | undefined,
  ): Promise<Started> {
    checkContentType(contentType, false);
    const data = parseDemoRequest(body, 'generic');
    return started(await this.myOperationService.startOperation(data, req.user.id, req.user.tenantId));
  }

  @Post('files/upload')
  @UseInterceptors(
    NameOversizedFileInterceptor,
    FilesInterceptor('file', MAX_UPLOAD_FILES, { storage: countingMemoryStorage, limits: { fileSize: MAX_UPLOAD_FILE_BYTES } }),
  )
  upload(
    @Body() body: unknown,
    @Req() req: RequestWithUser,
    @Headers('content-type') contentType: string | undefined,
    @UploadedFiles() files: UploadedFilePart[] | undefined,
  ): Started {
    const multipart = checkContentType(contentType, true);
    return started(this.demo.upload(user(req), parseDemoRequest(body, 'file_upload', multipart), files ?? []));
  }

  @Post('data/import')
  import(@Body() body: unknown, @Req() req: RequestWithUser, @Headers('content-type') contentType: string | undefined): Started {
    checkContentType(contentType, false);
    return started(this.demo.import(user(req), parseDemoRequest(body, 'data_import')));
  }

  @Post('batch/process')
  batch(@Body() body: unknown, @Req() req: RequestWithUser, @Headers('content-type') contentType: string | undefined): Started {
    checkContentType(contentType, false);
    return started(this.demo.batch(user(req), parseDemoRequest(body, 'batch_process')));
  }
}

function user(req: RequestWithUser) {
  const found = requestUser(req);
  if (!found) throw new Error('LiveProgressAuthGuard did not run');
  return found;
}
