import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ErrorCode, HttpErrorBody } from '@liveprogress/protocol';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'INVALID_PAYLOAD',
  401: 'TOKEN_INVALID',
  404: 'NOT_FOUND',
  409: 'NOT_CANCELLABLE',
  413: 'INVALID_PAYLOAD',
  429: 'RATE_LIMITED',
};

/** Answers every error in the contract's `{ error: { code, message } }` shape, including Nest's own (bad JSON, unknown route). */
@Catch()
export class ContractErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('DemoApi');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const { httpAdapter } = this.adapterHost;
    const ctx = host.switchToHttp();
    const res = ctx.getResponse();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      if (isContractBody(body)) return httpAdapter.reply(res, body, status);
      const message = typeof body === 'object' && body && 'message' in body ? String((body as { message: unknown }).message) : exception.message;
      const code = CODE_BY_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'INVALID_PAYLOAD');
      const reply: HttpErrorBody = { error: { code, message } };
      // The contract answers every bad request, an oversized body included, with 400.
      return httpAdapter.reply(res, reply, code === 'INVALID_PAYLOAD' ? 400 : status);
    }
    this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    httpAdapter.reply(res, { error: { code: 'INTERNAL', message: 'Something went wrong on the server' } }, 500);
  }
}

function isContractBody(body: unknown): body is HttpErrorBody {
  return typeof body === 'object' && body !== null && 'error' in body && typeof (body as HttpErrorBody).error?.code === 'string';
}
