import { ProgressEvent } from '@liveprogress/protocol';

/** The operation type every bench operation runs under. */
export const BENCH_OPERATION_TYPE = 'bench';
export const PROGRESS_UPDATED = ProgressEvent.UPDATED;

/** Where the publish timestamp rides in every payload, LiveProgress's included (in `details`). */
export interface BenchDetails {
  n: number;
  sentAt: number;
}

/** Progress for the n-th update: rising, never 100 (that would end the operation). */
export const progressFor = (n: number): number => Math.min(99, n / 100);

/**
 * The `progress.updated` payload the baselines emit: the same fields LiveProgress
 * stores and sends, so every server puts the same bytes on the wire.
 */
export function progressPayload(operationId: string, seq: number, n: number, sentAt: number) {
  const timestamp = Date.now();
  return {
    operationId,
    operationType: BENCH_OPERATION_TYPE,
    status: 'running' as const,
    stage: null,
    progress: progressFor(n),
    message: null,
    details: { n, sentAt } satisfies BenchDetails,
    timestamp,
    estimatedCompletion: timestamp + 60_000,
    seq,
  };
}

/** The subscribe request of the raw `ws` protocol (Socket.IO servers take the contract's `operation.subscribe`). */
export interface WsSubscribe {
  type: 'subscribe';
  id: number;
  operationId: string;
}
