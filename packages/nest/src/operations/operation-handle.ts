import { OperationErrorCode, type OperationErrorInfo, type OperationSnapshot, type TaskSnapshot, isTerminalStatus } from '@liveprogress/protocol';
import { InvalidOperationInputError } from '../errors.js';
import type { AppendResult, EventInput, SnapshotPatch } from '../store/operation-store.interface.js';
import { Coalescer } from './coalescer.js';
import { estimateCompletion } from './eta.js';
import type { Operation, StageReporter } from './operation.js';
import { toOperationError } from './operation-error.js';
import type { OperationFailure, OperationUpdate } from './operation-update.js';
import { type PlannedStage, type StageInput, planStages } from './stage-plan.js';
import { TaskHandle } from './task-handle.js';

/** Where a handle sends what it stores; implemented by OperationsService. */
export interface OperationSink {
  write(operationId: string, event: EventInput, patch: SnapshotPatch): Promise<AppendResult | null>;
  /** The same, done before returning when the store can (see `OperationStore.appendNow`); `undefined` when it cannot. */
  writeNow(operationId: string, event: EventInput, patch: SnapshotPatch): AppendResult | null | undefined;
  /** Called once the terminal event was written (or refused), so the service can forget the handle. */
  finished(operationId: string): void;
  waitForSubscriber(operationId: string, timeoutMs: number): Promise<boolean>;
}

/** What a task failure does to its operation: nothing until the end (default), or fail it at once. */
export type TaskFailurePolicy = 'continue' | 'fail-operation';

export interface HandleOptions {
  estimatedDuration: number | null;
  coalesceIntervalMs: number;
  created: Promise<unknown>;
  /** The type was not given yet (a first `WebSocketService.sendProgressUpdate` without one); the first one given names it. */
  placeholderType?: boolean;
  stages?: readonly StageInput[] | null;
  taskFailure?: TaskFailurePolicy;
}

/** Thrown into the work's AbortSignal when somebody cancels the operation. */
export class OperationCancelledError extends Error {
  readonly code = OperationErrorCode.CANCELLED;
  constructor() {
    super('The operation was cancelled');
    this.name = 'OperationCancelledError';
  }
}

const CANCELLED: OperationErrorInfo = { message: 'The operation was cancelled', code: OperationErrorCode.CANCELLED };

/**
 * The handle application code reports through. `update()` is synchronous and cheap:
 * it only merges into local state, and a Coalescer decides when that state becomes a
 * stored, broadcast event. Writes go out one at a time, in call order.
 */
export class OperationHandle implements Operation {
  readonly id: string;
  private type: string;
  private typeIsPlaceholder: boolean;
  private readonly abort = new AbortController();
  private readonly coalescer: Coalescer;
  private readonly startedAt: number;
  private readonly estimatedDuration: number | null;
  private readonly plan: Map<string, PlannedStage>;
  private readonly taskFailure: TaskFailurePolicy;
  private readonly tasks = new Map<string, TaskHandle>();
  private progress: number;
  /** Once work sets progress itself (or through a stage), tasks no longer drive it. */
  private explicitProgress = false;
  private stageId: string | null;
  private message: string | null;
  private details: Record<string, unknown> | null;
  private pending = false;
  private terminal = false;
  private cancelRequested = false;
  private refused = false;
  private readonly terminalWritten: Promise<void>;
  private markTerminalWritten!: () => void;
  private tail: Promise<unknown>;
  /** Writes queued on `tail` and not done yet (the store's create counts as one); at 0 a write may go at once. */
  private queuedWrites = 1;
  private writingNow = false;

  constructor(
    snapshot: OperationSnapshot,
    options: HandleOptions,
    private readonly sink: OperationSink,
  ) {
    this.id = snapshot.operationId;
    this.type = snapshot.operationType;
    this.typeIsPlaceholder = options.placeholderType ?? false;
    this.progress = snapshot.progress;
    this.stageId = snapshot.stage;
    this.message = snapshot.message;
    this.details = snapshot.details;
    this.startedAt = snapshot.startedAt ?? snapshot.createdAt;
    this.estimatedDuration = options.estimatedDuration;
    this.plan = planStages(options.stages ?? []);
    this.taskFailure = options.taskFailure ?? 'continue';
    this.terminal = isTerminalStatus(snapshot.status);
    for (const task of snapshot.tasks ?? []) {
      this.tasks.set(task.id, TaskHandle.restore(task, (t) => this.taskChanged(t)));
    }
    this.tail = options.created.finally(() => this.queuedWrites--);
    this.terminalWritten = new Promise((resolve) => (this.markTerminalWritten = resolve));
    this.coalescer = new Coalescer(options.coalesceIntervalMs, () => this.writeUpdate());
  }

  /** Fires when the operation is cancelled; pass it to fetch, streams and your own loops. */
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

  /** @internal Called when the store refuses a write: nothing this handle reports will be stored any more. */
  markEndedElsewhere(): void {
    this.refused = true;
    this.terminal = true;
    this.pending = false;
    this.coalescer.cancel();
    this.markTerminalWritten();
  }

  /**
   * Names the type of an operation that was registered before its type was known
   * (a first `WebSocketService.sendProgressUpdate` may carry none); a known type never changes.
   */
  nameType(operationType: string | undefined): void {
    if (!operationType || !this.typeIsPlaceholder || operationType === this.type) return;
    this.type = checkText('operationType', operationType, 128);
    this.typeIsPlaceholder = false;
  }

  update(update: OperationUpdate): void {
    if (this.terminal) return;
    const stageChanged = update.stage !== undefined && update.stage !== this.stageId;
    if (stageChanged && this.pending) this.coalescer.flushNow();
    let changed = false;
    if (update.progress !== undefined) {
      this.explicitProgress = true;
      changed = this.raiseProgress(checkProgress(update.progress));
    }
    if (update.message !== undefined && update.message !== this.message) {
      if (typeof update.message !== 'string') throw new InvalidOperationInputError('update({ message }) takes a string');
      this.message = update.message.slice(0, 2000);
      changed = true;
    }
    if (update.details !== undefined) {
      if (update.details === null || typeof update.details !== 'object' || Array.isArray(update.details)) {
        throw new InvalidOperationInputError('update({ details }) takes a plain object');
      }
      this.details = this.details ? { ...this.details, ...update.details } : { ...update.details };
      changed = true;
    }
    if (stageChanged) {
      this.stageId = checkText('stage', update.stage as string, 128);
      this.pending = true;
      this.coalescer.flushNow();
    } else if (changed) {
      this.markChanged();
    }
  }

  /** Reports progress within one of the stages given at start, mapped onto its share of the bar. */
  stage(id: string): StageReporter {
    const planned = this.plan.get(id);
    if (!planned) throw new InvalidOperationInputError(`stage("${id}") is not one of the stages given to start()`);
    return {
      update: (progress, message, details) => {
        const within = checkProgress(progress);
        this.update({
          stage: id,
          progress: planned.from + ((planned.to - planned.from) * within) / 100,
          ...(message !== undefined ? { message } : {}),
          ...(details !== undefined ? { details } : {}),
        });
      },
    };
  }

  /** The task with this id, made on first use; its changes go out with the next coalesced update. */
  task(id: string, name: string = id, options: { weight?: number } = {}): TaskHandle {
    let task = this.tasks.get(id);
    if (!task) {
      const weight = options.weight ?? 1;
      if (!(Number.isFinite(weight) && weight > 0)) throw new InvalidOperationInputError(`task("${id}"): weight must be a positive number`);
      task = new TaskHandle(checkText('task id', id, 128), checkText('task name', name, 256), weight, (t) => this.taskChanged(t));
      this.tasks.set(id, task);
      this.markChanged();
    }
    return task;
  }

  complete(result?: unknown, message?: string): void {
    if (this.cancelRequested) return this.fail(this.signal.reason);
    if (!this.finish()) return;
    const timestamp = Date.now();
    const failedTasks = [...this.tasks.values()].filter((t) => t.hasFailed).map((t) => t.id);
    const extra = {
      ...(message !== undefined ? { message } : {}),
      ...(failedTasks.length > 0 ? { failedTasks } : {}),
      ...this.taskPatch(),
    };
    this.enqueue(
      {
        event: 'progress.completed',
        operationId: this.id,
        operationType: this.type,
        status: 'completed',
        progress: 100,
        ...(result !== undefined ? { result } : {}),
        ...extra,
        timestamp,
      },
      { operationType: this.type, status: 'completed', progress: 100, result: result ?? null, finishedAt: timestamp, estimatedCompletion: null, ...extra },
      true,
    );
  }

  /** Ends the operation as failed; after a cancel request, as cancelled. */
  fail(failure: OperationFailure | unknown): void {
    if (!this.finish()) return;
    if (this.cancelRequested) this.writeFailure('cancelled', CANCELLED);
    else this.writeFailure('failed', toOperationError(failure));
  }

  /**
   * Asks the work to stop: fires the AbortSignal and waits up to `timeoutMs` for it to
   * end the operation (any `fail()` then reports it cancelled). False when the work
   * ignored the signal, or when the operation had already ended.
   */
  async requestCancel(timeoutMs: number): Promise<boolean> {
    if (this.terminal) return false;
    if (!this.cancelRequested) {
      this.cancelRequested = true;
      this.abort.abort(new OperationCancelledError());
    }
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timedOut = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
    const ended = this.terminalWritten.then(() => true);
    const outcome = await Promise.race([ended, timedOut]);
    clearTimeout(timer);
    return outcome;
  }

  /** Ends the operation as cancelled at once, for operations with no work attached here to ask. */
  cancelNow(): boolean {
    if (!this.finish()) return false;
    this.cancelRequested = true;
    this.writeFailure('cancelled', CANCELLED);
    this.abort.abort(new OperationCancelledError());
    return true;
  }

  waitForSubscriber(options: { timeoutMs?: number } = {}): Promise<boolean> {
    return this.sink.waitForSubscriber(this.id, options.timeoutMs ?? 30_000);
  }

  /** Resolves once everything reported so far is stored. */
  flushed(): Promise<void> {
    if (this.pending && !this.terminal) this.coalescer.flushNow();
    return this.tail.then(() => undefined);
  }

  private raiseProgress(next: number): boolean {
    if (next <= this.progress) return false;
    this.progress = next;
    return true;
  }

  private taskChanged(task: TaskHandle): void {
    if (this.terminal) return;
    if (!this.explicitProgress) this.raiseProgress(this.rolledUpProgress());
    if (task.hasFailed && this.taskFailure === 'fail-operation') {
      return this.fail({ message: `Task "${task.name}" failed: ${task.snapshot().error?.message ?? 'unknown error'}`, code: 'TASK_FAILED', details: { taskId: task.id } });
    }
    this.markChanged();
  }

  /** Weighted mean of the tasks' progress. */
  private rolledUpProgress(): number {
    let weighted = 0;
    let total = 0;
    for (const task of this.tasks.values()) {
      weighted += task.currentProgress * task.weight;
      total += task.weight;
    }
    return total === 0 ? 0 : Math.min(100, weighted / total);
  }

  private markChanged(): void {
    if (this.terminal) return;
    this.pending = true;
    this.coalescer.touch();
  }

  private taskPatch(): { tasks?: TaskSnapshot[]; completedTasks?: number; totalTasks?: number } {
    if (this.tasks.size === 0) return {};
    const tasks = [...this.tasks.values()].map((t) => t.snapshot());
    return { tasks, completedTasks: tasks.filter((t) => t.status === 'completed').length, totalTasks: tasks.length };
  }

  private stepPatch(): { step?: number; totalSteps?: number } {
    const planned = this.stageId === null ? undefined : this.plan.get(this.stageId);
    return planned ? { step: planned.step, totalSteps: this.plan.size } : {};
  }

  private finish(): boolean {
    if (this.terminal) return false;
    if (this.pending) this.coalescer.flushNow();
    this.coalescer.cancel();
    this.terminal = true;
    return true;
  }

  private writeFailure(status: 'failed' | 'cancelled', error: OperationErrorInfo): void {
    const timestamp = Date.now();
    const tasks = this.taskPatch();
    this.enqueue(
      { event: 'progress.failed', operationId: this.id, operationType: this.type, status, progress: this.progress, error, ...tasks, timestamp },
      { operationType: this.type, status, error, finishedAt: timestamp, estimatedCompletion: null, ...tasks },
      true,
    );
  }

  private writeUpdate(): void {
    if (!this.pending) return;
    this.pending = false;
    const timestamp = Date.now();
    const estimatedCompletion = estimateCompletion({
      startedAt: this.startedAt,
      now: timestamp,
      progress: this.progress,
      estimatedDuration: this.estimatedDuration,
    });
    const { stageId: stage, progress, message, details } = this;
    const extra = { ...this.taskPatch(), ...this.stepPatch() };
    this.enqueue(
      {
        event: 'progress.updated',
        operationId: this.id,
        operationType: this.type,
        status: 'running',
        stage,
        progress,
        message,
        details,
        ...extra,
        timestamp,
        estimatedCompletion,
      },
      { operationType: this.type, status: 'running', stage, progress, message, details, estimatedCompletion, ...extra },
      false,
    );
  }

  private enqueue(event: EventInput, patch: SnapshotPatch, last: boolean): void {
    // Nothing ahead of it and a store that needs no I/O: write and deliver now. A write made
    // during that delivery (a hook reporting on its own operation) queues, so order holds.
    if (this.queuedWrites === 0 && !this.writingNow) {
      this.writingNow = true;
      let written: AppendResult | null | undefined;
      try {
        written = this.sink.writeNow(this.id, event, patch);
      } finally {
        this.writingNow = false;
      }
      if (written !== undefined) {
        if (last) this.terminalStored();
        return;
      }
    }
    this.queuedWrites++;
    this.tail = this.tail.then(async () => {
      try {
        await this.sink.write(this.id, event, patch);
      } finally {
        this.queuedWrites--;
      }
      if (last) this.terminalStored();
    });
  }

  private terminalStored(): void {
    this.markTerminalWritten();
    this.sink.finished(this.id);
  }
}

function checkProgress(value: number): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new InvalidOperationInputError(`progress takes a number from 0 to 100, got ${String(value)}`);
  }
  return Math.min(100, Math.max(0, value));
}

function checkText(field: string, value: string, max: number): string {
  if (typeof value !== 'string' || value.length === 0) throw new InvalidOperationInputError(`${field} takes a non-empty string`);
  return value.length > max ? value.slice(0, max) : value;
}
