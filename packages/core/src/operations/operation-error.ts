import type { OperationErrorInfo } from '@liveprogress/protocol';
import type { OperationFailure } from './operation-update.js';

/** Turns whatever work threw into the contract's `error` object, without leaking stack traces. */
export function toOperationError(failure: OperationFailure | unknown): OperationErrorInfo {
  if (typeof failure === 'string') return { message: failure };
  if (failure instanceof Error) {
    const code = (failure as { code?: unknown }).code;
    return { message: failure.message || failure.name, ...(typeof code === 'string' ? { code } : {}) };
  }
  if (failure && typeof failure === 'object' && typeof (failure as { message?: unknown }).message === 'string') {
    const { message, code, details } = failure as { message: string; code?: unknown; details?: unknown };
    return { message, ...(typeof code === 'string' ? { code } : {}), ...(details !== undefined ? { details } : {}) };
  }
  return { message: 'The operation failed' };
}
