import { Body, Controller, Headers, Post, Req, UploadedFiles, UseGuards, UseInterceptors } from '@nestjs/common';
import { FilesInterceptor } from '@nestjs/platform-express';
import { type AppUser, appJwtGuard } from '../app-jwt-guard.js';
import { TEST_JWT_SECRET } from '../tokens.js';
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

/** The app's own authentication, as an existing app has it: LiveProgress learns the user from `req.user`. */
const JwtAuthGuard = appJwtGuard({ secret: TEST_JWT_SECRET });

/** A request after the app's own guard ran. */
interface AuthenticatedRequest {
  user: AppUser;
}

/**
 * The guide's four example endpoints (docs/react.md), each answering 201 with the operation id,
 * as the demo API does, behind the app's own Passport-style guard rather than the module's.
 */
@Controller('api')
@UseGuards(JwtAuthGuard)
export class ExampleOperationsController {
  constructor(
    private readonly guide: GuideOperationService,
    private readonly staged: StagedOperationsService,
  ) {}

  @Post('my-operations')
  myOperation(@Body() body: unknown, @Req() req: AuthenticatedRequest, @Headers('content-type') contentType: string | undefined): Started {
    checkContentType(contentType, false);
    return started(this.guide.start(parseExampleRequest(body, 'generic', false), user(req), DEFAULT_DURATION_MS.generic));
  }

  @Post('files/upload')
  @UseInterceptors(FilesInterceptor('file', 20))
  upload(
    @Body() body: unknown,
    @Req() req: AuthenticatedRequest,
    @Headers('content-type') contentType: string | undefined,
    @UploadedFiles() files: UploadedFilePart[] | undefined,
  ): Started {
    const multipart = checkContentType(contentType, true);
    return started(this.staged.upload(user(req), parseExampleRequest(body, 'file_upload', multipart), files ?? [], DEFAULT_DURATION_MS.file_upload));
  }

  @Post('data/import')
  import(@Body() body: unknown, @Req() req: AuthenticatedRequest, @Headers('content-type') contentType: string | undefined): Started {
    checkContentType(contentType, false);
    return started(this.staged.import(user(req), parseExampleRequest(body, 'data_import', false), DEFAULT_DURATION_MS.data_import));
  }

  @Post('batch/process')
  batch(@Body() body: unknown, @Req() req: AuthenticatedRequest, @Headers('content-type') contentType: string | undefined): Started {
    checkContentType(contentType, false);
    return started(this.staged.batch(user(req), parseExampleRequest(body, 'batch_process', false), DEFAULT_DURATION_MS.batch_process));
  }
}

/** The owner of what the request starts, read from the app's own user as an adopter's controller would. */
function user(req: AuthenticatedRequest): { userId: string; tenantId: string } {
  return { userId: req.user.id, tenantId: req.user.tenantId as string };
}
