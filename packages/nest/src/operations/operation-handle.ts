import { type OperationSnapshot, OperationErrorCode, type TaskSnapshot, isTerminalStatus } from '@liveprogress/protocol';
import { InvalidOperationInputError } from '../errors.js';
import type { AppendResult, EventInput, SnapshotPatch } from '../store/operation-store.interface.js';
import { Coalescer } from './coalescer.js';
import { TaskHandle } from './task-handle.js';
import { estimateCompletion } from './eta.js';
import { toOperationError } from './operation-error.js';
import type { OperationFailure, OperationUpdate } from './operation-update.js';

/** Where a handle sends what it stores; implemented by OperationsService. */
export interface OperationSink {
  write(operationId: string, event: EventInput, patch: SnapshotPatch): Promise<AppendResult | null>;
  /** Called once the terminal event was written (or refused), so the service can forget the handle. */
  finished(operationId: string): void;
}

/** Thrown into the work's AbortSignal when somebody cancels the operation. */
export class OperationCancelledError extends Error {
  readonly code = OperationErrorCode.CANCELLED;
  constructor() {
    super('The operation was cancelled');
    this.name = 'OperationCancelledError';
  }
}

/**
 * The handle application code reports through. `update()` is synchronous and cheap:
 * it only merges into local state, and a Coalescer decides when that state becomes a
 * stored, broadcast event. Writes go out one at a time, in call order.
 */
export class OperationHandle {
  readonly id: string;
  private type: string;
  private typeIsPlaceholder: boolean;
  private readonly abort = new AbortController();
  private readonly coalescer: Coalescer;
  private readonly startedAt: number;
  private readonly estimatedDuration: number | null;
  private progress: number;
  private stage: string | null;
  private message: string | null;
  private details: Record<string, unknown> | null;
  private readonly tasks = new Map<string, TaskHandle>();
  private pending = false;
  private terminal = false;
  private tail: Promise<unknown>;

  constructor(
    snapshot: OperationSnapshot,
    options: { estimatedDuration: number | null; coalesceIntervalMs: number; created: Promise<unknown>; placeholderType?: boolean },
    private readonly sink: OperationSink,
  ) {
    this.id = snapshot.operationId;
    this.type = snapshot.operationType;
    this.typeIsPlaceholder = options.placeholderType ?? false;
    this.terminal = isTerminalStatus(snapshot.status);
    this.progress = snapshot.progress;
    this.stage = snapshot.stage;
    this.message = snapshot.message;
    this.details = snapshot.details;
    this.startedAt = snapshot.startedAt ?? snapshot.createdAt;
    this.estimatedDuration = options.estimatedDuration;
    this.tail = options.created;
    this.coalescer = new Coalescer(options.coalesceIntervalMs, () => this.writeUpdate());
  }

  /** Fires when the operation is cancelled; pass it to fetch, streams and your own loops. */
  get signal(): AbortSignal {
    return this.abort.signal;
  }

  get operationType(): string {
    return this.type;
  }

  /**
   * Names the type of an operation that was registered before its type was known
   * (the guide's first `sendProgressUpdate` carries none); a known type never changes.
   */
  nameType(operationType: string | undefined): void {
    if (!operationType || !this.typeIsPlaceholder || operationType === this.type) return;
    this.type = checkText('operationType', operationType, 128);
    this.typeIsPlaceholder = false;
  }

  /** The task with this id, made on first use; its changes go out with the next coalesced update. */
  task(id: string, name: string = id): TaskHandle {
    let task = this.tasks.get(id);
    if (!task) {
      checkText('task id', id, 128);
      this.tasks.set(id, (task = new TaskHandle(id, checkText('task name', name, 256), () => this.markChanged())));
      this.markChanged();
    }
    return task;
  }

  get isFinished(): boolean {
    return this.terminal;
  }

  update(update: OperationUpdate): void {
    if (this.terminal) return;
    const stageChanged = update.stage !== undefined && update.stage !== this.stage;
    if (stageChanged && this.pending) this.coalescer.flushNow();
    let changed = false;
    if (update.progress !== undefined) {
      const p = checkProgress(update.progress);
      if (p > this.progress) {
        this.progress = p;
        changed = true;
      }
    }
    if (update.message !== undefined && update.message !== this.message) {
      this.message = checkText('message', update.message, 2000);
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
      this.stage = checkText('stage', update.stage as string, 128);
      this.pending = true;
      this.coalescer.flushNow();
    } else if (changed) {
      this.markChanged();
    }
  }

  private markChanged(): void {
    if (this.terminal) return;
    this.pending = true;
    this.coalescer.touch();
  }

  private taskList(): TaskSnapshot[] | undefined {
    return this.tasks.size === 0 ? undefined : [...this.tasks.values()].map((t) => t.snapshot());
  }

  complete(result?: unknown, message?: string): void {
    if (!this.finish()) return;
    const timestamp = Date.now();
    this.enqueue(
      {
        event: 'progress.completed',
        operationId: this.id,
        operationType: this.type,
        status: 'completed',
        progress: 100,
        ...(result !== undefined ? { result } : {}),
        ...(message !== undefined ? { message } : {}),
        timestamp,
      },
      { operationType: this.type, status: 'completed', progress: 100, result: result ?? null, finishedAt: timestamp, estimatedCompletion: null, ...(message !== undefined ? { message } : {}) },
      true,
    );
  }

  fail(failure: OperationFailure | unknown): void {
    if (!this.finish()) return;
    this.writeFailure('failed', toOperationError(failure));
  }

  /** Ends the operation as cancelled and fires its AbortSignal; false when it had already ended. */
  cancel(): boolean {
    if (!this.finish()) return false;
    this.writeFailure('cancelled', { message: 'The operation was cancelled', code: OperationErrorCode.CANCELLED });
    this.abort.abort(new OperationCancelledError());
    return true;
  }

  /** Resolves once everything reported so far is stored. */
  flushed(): Promise<void> {
    if (this.pending && !this.terminal) this.coalescer.flushNow();
    return this.tail.then(() => undefined);
  }

  private finish(): boolean {
    if (this.terminal) return false;
    if (this.pending) this.coalescer.flushNow();
    this.coalescer.cancel();
    this.terminal = true;
    return true;
  }

  private writeFailure(status: 'failed' | 'cancelled', error: ReturnType<typeof toOperationError>): void {
    const timestamp = Date.now();
    this.enqueue(
      { event: 'progress.failed', operationId: this.id, operationType: this.type, status, progress: this.progress, error, timestamp },
      { operationType: this.type, status, error, finishedAt: timestamp, estimatedCompletion: null },
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
    const { stage, progress, message, details } = this;
    const tasks = this.taskList();
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
        ...(tasks ? { tasks } : {}),
        timestamp,
        estimatedCompletion,
      },
      { operationType: this.type, status: 'running', stage, progress, message, details, estimatedCompletion, ...(tasks ? { tasks } : {}) },
      false,
    );
  }

  private enqueue(event: EventInput, patch: SnapshotPatch, last: boolean): void {
    this.tail = this.tail.then(async () => {
      await this.sink.write(this.id, event, patch);
      if (last) this.sink.finished(this.id);
    });
  }
}

function checkProgress(value: number): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new InvalidOperationInputError(`update({ progress }) takes a number from 0 to 100, got ${String(value)}`);
  }
  return Math.min(100, Math.max(0, value));
}

function checkText(field: string, value: string, max: number): string {
  if (typeof value !== 'string') throw new InvalidOperationInputError(`update({ ${field} }) takes a string`);
  return value.length > max ? value.slice(0, max) : value;
}
