import type { AckFailure, RequestErrorCode, AuthErrorCode } from '@liveprogress/protocol';

/** A refused request: the dispatcher acks it as `{ ok: false, error }`. */
export class RequestError extends Error {
  constructor(
    readonly code: RequestErrorCode | AuthErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RequestError';
  }

  toAck(): AckFailure {
    return { ok: false, error: { code: this.code, message: this.message } };
  }
}

export const notFound = (operationId: string) => new RequestError('NOT_FOUND', `No operation "${operationId}" that you may see`);
