import { type Logger, consoleLogger } from '../logger.js';
import type { OperationHandle } from '../operations/operation-handle.js';
import type { StartOperationInput } from '../operations/start-operation-input.js';

/** The parts of a BullMQ Job the bridge reads. */
export interface BridgedJob {
  id?: string;
  name: string;
  queueName: string;
  data: unknown;
  /** Attempts made so far, this one included once it failed. */
  attemptsMade?: number;
  opts?: { attempts?: number };
  /**
   * BullMQ fails a job picked up with this set at once, as unrecoverable, without running its
   * processor: how the retry of a cancelled job ends instead of doing the work again.
   */
  deferredFailure?: string;
}

/** The parts of a BullMQ Worker the bridge listens to (a structural type: bullmq stays optional). */
export interface BridgedWorker {
  on(event: 'active', listener: (job: BridgedJob) => void): unknown;
  on(event: 'progress', listener: (job: BridgedJob, progress: unknown) => void): unknown;
  on(event: 'completed', listener: (job: BridgedJob, result: unknown) => void): unknown;
  on(event: 'failed', listener: (job: BridgedJob | undefined, error: Error) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
  /**
   * BullMQ's `worker.cancelJob(id, reason)`: aborts the AbortSignal its processor received as
   * third argument (`async (job, token, signal) => …`); false when the processor takes none.
   */
  cancelJob?(jobId: string, reason?: string): boolean;
}

export interface BullMQBridgeOptions {
  /** Anything that starts operations: a LiveProgressPublisher, or OperationsService inside Nest. */
  operations: { start(input: StartOperationInput): OperationHandle };
  /** Who owns a job's operation, and its type, from the job; return null to leave a job untracked. */
  describe: (job: BridgedJob) => Omit<StartOperationInput, 'operationId'> | null;
  /** The operation id of a job; default `bullmq:<queue>:<job id>`. */
  operationId?: (job: BridgedJob) => string;
  /** Where a cancel the job could not receive is reported; default the console. */
  logger?: Logger;
}

/**
 * Turns a BullMQ worker's jobs into live operations: `active` starts one, `job.updateProgress(n)`
 * (a number, or `{ progress, stage, message, details }`) updates it, `completed` and `failed` end it.
 * A cancel of the operation (from any node) reaches the job: the bridge calls `worker.cancelJob`,
 * which aborts the signal the processor received; the job's failure then ends the operation
 * cancelled, and a retry BullMQ makes of it fails at once without running. Returns the off-function.
 */
export function bridgeBullMQWorker(worker: BridgedWorker, options: BullMQBridgeOptions): () => void {
  const running = new Map<string, { handle: OperationHandle; stopListening: () => void }>();
  const idOf = options.operationId ?? ((job: BridgedJob) => `bullmq:${job.queueName}:${job.id ?? job.name}`);
  const logger = options.logger ?? consoleLogger('LiveProgressBullMQ');
  /** Operations cancelled while their job ran: a retry BullMQ makes of the job must not run it again. */
  const cancelled = new Set<string>();
  const end = (id: string) => {
    running.get(id)?.stopListening();
    running.delete(id);
  };
  const onActive = (job: BridgedJob) => {
    const id = idOf(job);
    if (running.has(id)) return; // a retry of a job whose operation is still open
    if (cancelled.has(id)) {
      job.deferredFailure = 'The operation was cancelled';
      return;
    }
    const description = options.describe(job);
    if (!description) return;
    let handle: OperationHandle;
    try {
      handle = options.operations.start({ ...description, operationId: id });
    } catch (err) {
      // Thrown from BullMQ's event emitter it would end the worker's process.
      logger.error(`operation ${id}: BullMQ job ${job.id ?? job.name} could not be tracked: ${(err as Error).message}`);
      return;
    }
    const onCancel = () => {
      cancelled.add(id);
      if (cancelled.size > 10_000) cancelled.delete(cancelled.values().next().value as string);
      const reached = job.id !== undefined && worker.cancelJob?.(job.id, 'The operation was cancelled') === true;
      if (!reached) {
        logger.warn(
          `operation ${id}: the cancel could not reach BullMQ job ${job.id ?? job.name} of queue ${job.queueName}: ` +
            'give its processor a third parameter, `async (job, token, signal) => …`, and stop when `signal` aborts (bullmq 6 or later)',
        );
      }
    };
    handle.signal.addEventListener('abort', onCancel, { once: true });
    running.set(id, { handle, stopListening: () => handle.signal.removeEventListener('abort', onCancel) });
  };
  const onProgress = (job: BridgedJob, progress: unknown) => {
    const handle = running.get(idOf(job))?.handle;
    if (!handle) return;
    if (typeof progress === 'number') handle.update({ progress });
    else if (progress && typeof progress === 'object') handle.update(progress as Parameters<OperationHandle['update']>[0]);
  };
  const onCompleted = (job: BridgedJob, result: unknown) => {
    const id = idOf(job);
    // After a cancel request this records the cancellation: the work did not finish on its own terms.
    running.get(id)?.handle.complete(result);
    end(id);
  };
  const onFailed = (job: BridgedJob | undefined, error: Error) => {
    if (!job) return;
    const id = idOf(job);
    const handle = running.get(id)?.handle;
    const attempts = job.opts?.attempts ?? 1;
    const made = job.attemptsMade ?? attempts;
    if (made < attempts && !handle?.signal.aborted) {
      // BullMQ will try again: the operation stays open and says so.
      handle?.update({ message: `Attempt ${made} of ${attempts} failed (${error.message}); retrying` });
      return;
    }
    // After a cancel request the handle records this as cancelled, not failed.
    handle?.fail(error);
    end(id);
  };
  worker.on('active', onActive);
  worker.on('progress', onProgress);
  worker.on('completed', onCompleted);
  worker.on('failed', onFailed);
  return () => {
    worker.off('active', onActive);
    worker.off('progress', onProgress);
    worker.off('completed', onCompleted);
    worker.off('failed', onFailed);
    for (const id of [...running.keys()]) end(id);
  };
}
