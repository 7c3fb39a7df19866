import { OperationErrorCode, type OperationErrorInfo, type OperationSnapshot, isTerminalStatus } from '@liveprogress/protocol';
import { OperationEndedError } from '../errors.js';
import { Coalescer } from './coalescer.js';
import type { Operation, StageReporter } from './operation.js';
import { toOperationError } from './operation-error.js';
import { OperationState, checkText } from './operation-state.js';
import type { OperationFailure, OperationUpdate } from './operation-update.js';
import type { StageInput } from './stage-plan.js';
import type { TaskHandle } from './task-handle.js';
import { type OperationSink, WriteQueue } from './write-queue.js';
import type { OperationWrite } from './operation-write.js';

export type { OperationSink } from './write-queue.js';

/** What a task failure does to its operation: nothing until the end (default), or fail it at once. */
export type TaskFailurePolicy = 'continue' | 'fail-operation';

export interface HandleOptions {
  estimatedDuration: number | null;
  coalesceIntervalMs: number;
  created: Promise<unknown>;
  /** The type was not given yet (the first `sendProgressUpdate` of WebSocketService names none); the first one given names it. */
  placeholderType?: boolean;
  stages?: readonly StageInput[] | null;
  taskFailure?: TaskFailurePolicy;
}

/** Thrown into the work's AbortSignal when somebody cancels the operation. */
export class OperationCancelledError extends Error {
  readonly code = OperationErrorCode.CANCELLED;
  /** The user who asked for the cancel, when a user did. */
  readonly cancelledBy: string | undefined;
  constructor(cancelledBy?: string) {
    super(cancelledBy ? `The operation was cancelled by ${cancelledBy}` : 'The operation was cancelled');
    this.name = 'OperationCancelledError';
    this.cancelledBy = cancelledBy;
  }
}

/** The cancelled `progress.failed`'s error; `details.cancelledBy` names who cancelled (docs/protocol.md, Cancelling). */
function cancelledError(cancelledBy: string | undefined): OperationErrorInfo {
  const error: OperationErrorInfo = { message: 'The operation was cancelled', code: OperationErrorCode.CANCELLED };
  if (cancelledBy) error.details = { cancelledBy };
  return error;
}

/**
 * The handle application code reports through. `update()` is synchronous and cheap:
 * it only records what changed (OperationState), and a Coalescer decides when those
 * changes become a write, which the store applies to the operation's stored state
 * (`applyWrite`) as its next event; writes go in call order through a WriteQueue.
 */
export class OperationHandle implements Operation {
  readonly id: string;
  private type: string;
  private typeIsPlaceholder: boolean;
  /** The type was named after registration: writes carry it, so the store's type follows. */
  private typeNamed = false;
  private readonly abort = new AbortController();
  private readonly coalescer: Coalescer;
  private readonly state: OperationState;
  private readonly writes: WriteQueue;
  private readonly estimatedDuration: number | null;
  private readonly taskFailure: TaskFailurePolicy;
  private terminal = false;
  private cancelRequested = false;
  private cancelledBy: string | undefined;
  private refused = false;

  constructor(
    snapshot: OperationSnapshot,
    options: HandleOptions,
    private readonly sink: OperationSink,
  ) {
    this.id = snapshot.operationId;
    this.type = snapshot.operationType;
    this.typeIsPlaceholder = options.placeholderType ?? false;
    this.estimatedDuration = options.estimatedDuration;
    this.taskFailure = options.taskFailure ?? 'continue';
    this.terminal = isTerminalStatus(snapshot.status);
    this.state = new OperationState(snapshot, options.stages, (task) => this.taskChanged(task));
    this.writes = new WriteQueue(this.id, sink, options.created);
    this.coalescer = new Coalescer(options.coalesceIntervalMs, () => this.writeUpdate());
  }

  /**
   * Fires when the operation is cancelled (reason: OperationCancelledError), or when it ended
   * without this handle — failed STALLED or PRODUCER_LOST elsewhere (reason: OperationEndedError);
   * pass it to fetch, streams and your own loops.
   */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  get operationType(): string {
    return this.type;
  }

  get isFinished(): boolean {
    return this.terminal;
  }

  /** True once the store refused a write because the operation had already ended elsewhere. */
  get endedElsewhere(): boolean {
    return this.refused;
  }

  /**
   * @internal Called when the store says the operation has ended without this handle (a write
   * refused, a lease renewal refused, STALLED): nothing this handle reports will be stored any
   * more, and its signal aborts with OperationEndedError so the work stops too.
   */
  markEndedElsewhere(): void {
    this.refused = true;
    this.terminal = true;
    this.coalescer.cancel();
    this.writes.refused();
    if (!this.abort.signal.aborted) this.abort.abort(new OperationEndedError(this.id));
  }

  /**
   * Names the type of an operation that was registered before its type was known
   * (WebSocketService's first `sendProgressUpdate` may carry none); a known type never changes.
   */
  nameType(operationType: string | undefined): void {
    if (!operationType || !this.typeIsPlaceholder || operationType === this.type) return;
    this.type = checkText('operationType', operationType, 128);
    this.typeIsPlaceholder = false;
    this.typeNamed = true;
  }

  update(update: OperationUpdate): void {
    if (this.terminal) return;
    this.sink.reported?.();
    if (this.state.hasPending && (this.state.movesStage(update) || this.state.takesOverFromTasks(update))) this.coalescer.flushNow();
    const { changed, stageChanged } = this.state.apply(update);
    if (stageChanged) {
      this.coalescer.flushNow();
    } else if (changed) {
      this.markChanged();
    }
  }

  /** Reports progress within one of the stages given at start, mapped onto its share of the bar. */
  stage(id: string): StageReporter {
    this.state.plannedStage(id);
    return {
      update: (progress, message, details) => {
        this.update({
          stage: id,
          progress: this.state.stageProgress(id, progress),
          ...(message !== undefined ? { message } : {}),
          ...(details !== undefined ? { details } : {}),
        });
      },
    };
  }

  /** The task with this id, made on first use; its changes go out with the next coalesced update. */
  task(id: string, name?: string, options: { weight?: number } = {}): TaskHandle {
    const { task, made } = this.state.task(id, name, options.weight);
    if (made) this.markChanged();
    return task;
  }

  complete(result?: unknown, message?: string): void {
    if (this.cancelRequested) return this.fail(this.signal.reason);
    if (!this.finish()) return;
    const write: OperationWrite = { kind: 'complete', ...this.writeBase() };
    if (result !== undefined) write.result = result;
    if (message !== undefined) write.message = message;
    const tasks = this.state.takeTasks();
    if (tasks) write.tasks = tasks;
    this.writes.enqueue(write, true);
  }

  /** Ends the operation as failed; after a cancel request, as cancelled. */
  fail(failure: OperationFailure | unknown): void {
    if (!this.finish()) return;
    if (this.cancelRequested) this.writeFailure('cancelled', cancelledError(this.cancelledBy));
    else this.writeFailure('failed', toOperationError(failure));
  }

  /**
   * Asks the work to stop: fires the AbortSignal and waits up to `timeoutMs` for it to
   * end the operation (any `fail()` then reports it cancelled). False when the work
   * ignored the signal, or when the operation had already ended. `cancelledBy` names the
   * user who asked; the cancelled event's `error.details.cancelledBy` says so.
   */
  async requestCancel(timeoutMs: number, cancelledBy?: string): Promise<boolean> {
    if (this.terminal) return false;
    if (!this.cancelRequested) {
      this.cancelRequested = true;
      this.cancelledBy = cancelledBy;
      this.abort.abort(new OperationCancelledError(cancelledBy));
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const ended = this.writes.ended.then(() => true);
    const outcome = await Promise.race([ended, timedOut]);
    clearTimeout(timer);
    return outcome;
  }

  /** Ends the operation as cancelled at once, for operations with no work attached here to ask. */
  cancelNow(cancelledBy?: string): boolean {
    if (!this.finish()) return false;
    this.cancelRequested = true;
    this.cancelledBy = cancelledBy;
    this.writeFailure('cancelled', cancelledError(cancelledBy));
    this.abort.abort(new OperationCancelledError(cancelledBy));
    return true;
  }

  waitForSubscriber(options: { timeoutMs?: number } = {}): Promise<boolean> {
    return this.sink.waitForSubscriber(this.id, options.timeoutMs ?? 30_000);
  }

  /**
   * Resolves once everything reported so far is stored; rejects with OperationEndedError
   * when the store refused it because the operation ended elsewhere (another process, a
   * cancel there, PRODUCER_LOST), so a producer learns it should stop.
   */
  async flushed(): Promise<void> {
    if (this.state.hasPending && !this.terminal) this.coalescer.flushNow();
    await this.writes.drained();
    if (this.refused) throw new OperationEndedError(this.id);
  }

  private writeBase(): { timestamp: number; operationType?: string } {
    return this.typeNamed ? { timestamp: Date.now(), operationType: this.type } : { timestamp: Date.now() };
  }

  private taskChanged(task: TaskHandle): void {
    if (this.terminal) return;
    if (task.hasFailed && this.taskFailure === 'fail-operation') {
      return this.fail({
        message: `Task "${task.name}" failed: ${task.failure?.message ?? 'unknown error'}`,
        code: 'TASK_FAILED',
        details: { taskId: task.id },
      });
    }
    this.sink.reported?.();
    this.markChanged();
  }

  private markChanged(): void {
    if (this.terminal) return;
    this.coalescer.touch();
  }

  private finish(): boolean {
    if (this.terminal) return false;
    if (this.state.hasPending) this.coalescer.flushNow();
    this.coalescer.cancel();
    this.terminal = true;
    return true;
  }

  private writeFailure(status: 'failed' | 'cancelled', error: OperationErrorInfo): void {
    const write: OperationWrite = { kind: 'fail', status, error, ...this.writeBase() };
    const tasks = this.state.takeTasks();
    if (tasks) write.tasks = tasks;
    this.writes.enqueue(write, true);
  }

  private writeUpdate(): void {
    if (!this.state.hasPending) return;
    // The taken fields are this write's own (the state starts a new record): completed in place, not copied.
    const write = this.state.take() as Extract<OperationWrite, { kind: 'update' }>;
    write.kind = 'update';
    write.timestamp = Date.now();
    if (this.typeNamed) write.operationType = this.type;
    write.estimatedDuration = this.estimatedDuration;
    this.writes.enqueue(write, false);
  }
}
