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
}

/** The parts of a BullMQ Worker the bridge listens to (a structural type: bullmq stays optional). */
export interface BridgedWorker {
  on(event: 'active', listener: (job: BridgedJob) => void): unknown;
  on(event: 'progress', listener: (job: BridgedJob, progress: unknown) => void): unknown;
  on(event: 'completed', listener: (job: BridgedJob, result: unknown) => void): unknown;
  on(event: 'failed', listener: (job: BridgedJob | undefined, error: Error) => void): unknown;
  off(event: string, listener: (...args: never[]) => void): unknown;
}

export interface BullMQBridgeOptions {
  /** Anything that starts operations: a LiveProgressPublisher, or OperationsService inside Nest. */
  operations: { start(input: StartOperationInput): OperationHandle };
  /** Who owns a job's operation, and its type, from the job; return null to leave a job untracked. */
  describe: (job: BridgedJob) => Omit<StartOperationInput, 'operationId'> | null;
  /** The operation id of a job; default `bullmq:<queue>:<job id>`. */
  operationId?: (job: BridgedJob) => string;
}

/**
 * Turns a BullMQ worker's jobs into live operations: `active` starts one, `job.updateProgress(n)`
 * (a number, or `{ progress, stage, message, details }`) updates it, `completed` and `failed` end it.
 * Returns the off-function.
 */
export function bridgeBullMQWorker(worker: BridgedWorker, options: BullMQBridgeOptions): () => void {
  const handles = new Map<string, OperationHandle>();
  const idOf = options.operationId ?? ((job: BridgedJob) => `bullmq:${job.queueName}:${job.id ?? job.name}`);
  const onActive = (job: BridgedJob) => {
    const id = idOf(job);
    if (handles.has(id)) return; // a retry of a job whose operation is still open
    const description = options.describe(job);
    if (!description) return;
    handles.set(id, options.operations.start({ ...description, operationId: id }));
  };
  const onProgress = (job: BridgedJob, progress: unknown) => {
    const handle = handles.get(idOf(job));
    if (!handle) return;
    if (typeof progress === 'number') handle.update({ progress });
    else if (progress && typeof progress === 'object') handle.update(progress as Parameters<OperationHandle['update']>[0]);
  };
  const onCompleted = (job: BridgedJob, result: unknown) => {
    const id = idOf(job);
    handles.get(id)?.complete(result);
    handles.delete(id);
  };
  const onFailed = (job: BridgedJob | undefined, error: Error) => {
    if (!job) return;
    const id = idOf(job);
    const attempts = job.opts?.attempts ?? 1;
    const made = job.attemptsMade ?? attempts;
    if (made < attempts) {
      // BullMQ will try again: the operation stays open and says so.
      handles.get(id)?.update({ message: `Attempt ${made} of ${attempts} failed (${error.message}); retrying` });
      return;
    }
    handles.get(id)?.fail(error);
    handles.delete(id);
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
  };
}
