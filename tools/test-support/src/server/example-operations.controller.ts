import { Body, Controller, Headers, Post, Req, UploadedFiles, UseGuards, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { type AuthUser, LiveProgressAuthGuard, requestUser, type RequestWithUser } from '@liveprogress/nest';
import { checkContentType, parseExampleRequest } from './example-request.js';
import { GuideOperationService } from './guide-operation.service.js';
import { StagedOperationsService } from './staged-operations.service.js';
import type { UploadedFilePart } from './uploaded-file.js';

/**
 * When a request has no `simulate.durationMs`: the demo API's durations. The guide's examples
 * send none, and their test watches the import's stages pass while the others finish.
 */
const DEFAULT_DURATION_MS = { generic: 8000, file_upload: 6000, data_import: 12_000, batch_process: 10_000 } as const;

interface Started {
  success: true;
  message: string;
  data: { operationId: string; estimatedDuration: number };
}

const started = (data: Started['data']): Started => ({ success: true, message: 'Operation started', data });

/** The guide's four example endpoints (docs/react.md), each answering 201 with the operation id, as the demo API does. */
@Controller('api')
@UseGuards(LiveProgressAuthGuard)
export class ExampleOperationsController {
  constructor(
    private readonly guide: GuideOperationService,
    private readonly staged: StagedOperationsService,
  ) {}

  @Post('my-operations')
  myOperation(@Body() body: unknown, @Req() req: RequestWithUser, @Headers('content-type') contentType: string | undefined): Started {
    checkContentType(contentType, false);
    return started(this.guide.start(parseExampleRequest(body, 'generic', false), user(req), DEFAULT_DURATION_MS.generic));
  }

  @Post('files/upload')
  @UseInterceptors(FilesInterceptor('file', 20))
  upload(
    @Body() body: unknown,
    @Req() req: RequestWithUser,
    @Headers('content-type') contentType: string | undefined,
    @UploadedFiles() files: UploadedFilePart[] | undefined,
  ): Started {
    const multipart = checkContentType(contentType, true);
    return started(this.staged.upload(user(req), parseExampleRequest(body, 'file_upload', multipart), files ?? [], DEFAULT_DURATION_MS.file_upload));
  }

  @Post('data/import')
  import(@Body() body: unknown, @Req() req: RequestWithUser, @Headers('content-type') contentType: string | undefined): Started {
    checkContentType(contentType, false);
    return started(this.staged.import(user(req), parseExampleRequest(body, 'data_import', false), DEFAULT_DURATION_MS.data_import));
  }

  @Post('batch/process')
  batch(@Body() body: unknown, @Req() req: RequestWithUser, @Headers('content-type') contentType: string | undefined): Started {
    checkContentType(contentType, false);
    return started(this.staged.batch(user(req), parseExampleRequest(body, 'batch_process', false), DEFAULT_DURATION_MS.batch_process));
  }
}

function user(req: RequestWithUser): AuthUser {
  const found = requestUser(req);
  if (!found) throw new Error('LiveProgressAuthGuard did not run');
  return found;
}
