import type { OperationSnapshot } from '@liveprogress/protocol';

/** An operation ended in `failed` or `cancelled`; `code` is the server's (`CANCELLED`, `PRODUCER_LOST`, or the app's own). */
export class OperationFailedError extends Error {
  override readonly name = 'OperationFailedError' as const;
  readonly operationId: string;
  readonly status: 'failed' | 'cancelled';
  readonly code: string | undefined;
  readonly details: unknown;

  constructor(snapshot: OperationSnapshot) {
    super(snapshot.error?.message ?? `operation ${snapshot.operationId} ${snapshot.status}`);
    this.operationId = snapshot.operationId;
    this.status = snapshot.status === 'cancelled' ? 'cancelled' : 'failed';
    this.code = snapshot.error?.code ?? (snapshot.status === 'cancelled' ? 'CANCELLED' : undefined);
    this.details = snapshot.error?.details;
  }
}

/** The HTTP call that starts an operation failed: `status` is the HTTP status (0 when the server was not reached). */
export class OperationRequestError extends Error {
  override readonly name = 'OperationRequestError' as const;
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.status = status;
    this.code = code;
  }
}
