import { HttpException } from '@nestjs/common';
import { type ErrorCode, HTTP_STATUS_BY_CODE, type HttpErrorBody } from '@liveprogress/protocol';

/** An HTTP error in the contract's shape: `{ error: { code, message } }` with the code's status. */
export class LiveProgressHttpException extends HttpException {
  constructor(code: ErrorCode, message: string) {
    const body: HttpErrorBody = { error: { code, message } };
    super(body, HTTP_STATUS_BY_CODE[code]);
  }
}
