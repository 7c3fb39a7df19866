import type { OperationErrorInfo, TaskSnapshot, TaskStatus } from '@liveprogress/protocol';
import { InvalidOperationInputError } from '../errors.js';
import { toOperationError } from './operation-error.js';
import type { TaskReporter } from './operation.js';

/**
 * One named part of an operation (a file of an upload, an item of a batch). Its
 * changes ride on the operation's coalesced `progress.updated` events as `tasks`.
 */
export class TaskHandle implements TaskReporter {
  private status: TaskStatus = 'pending';
  private progress = 0;
  private message: string | undefined;
  private startedAt: number | null = null;
  private finishedAt: number | null = null;
  private output: unknown;
  private error: OperationErrorInfo | undefined;

  constructor(
    readonly id: string,
    readonly name: string,
    readonly weight: number,
    private readonly changed: (task: TaskHandle) => void,
  ) {}

  /** A task as a snapshot holds it, for a process that takes the operation over. */
  static restore(snapshot: TaskSnapshot, changed: (task: TaskHandle) => void): TaskHandle {
    const task = new TaskHandle(snapshot.id, snapshot.name, snapshot.weight ?? 1, changed);
    task.status = snapshot.status;
    task.progress = snapshot.progress;
    task.message = snapshot.message;
    task.startedAt = snapshot.startedAt ?? null;
    task.finishedAt = snapshot.finishedAt ?? null;
    task.output = snapshot.output;
    task.error = snapshot.error;
    return task;
  }

  start(message?: string): void {
    if (this.status !== 'pending') return;
    this.set('running', this.progress, message);
  }

  update(progress: number, message?: string): void {
    if (this.isDone) return;
    if (typeof progress !== 'number' || Number.isNaN(progress)) {
      throw new InvalidOperationInputError(`task("${this.id}").update(progress) takes a number from 0 to 100`);
    }
    this.set('running', Math.max(this.progress, Math.min(100, Math.max(0, progress))), message);
  }

  complete(output?: unknown, message?: string): void {
    if (this.isDone) return;
    this.output = output;
    this.set('completed', 100, message);
  }

  fail(error: unknown): void {
    if (this.isDone) return;
    this.error = toOperationError(error);
    this.set('failed', this.progress, this.error.message);
  }

  get isDone(): boolean {
    return this.status === 'completed' || this.status === 'failed';
  }

  get hasFailed(): boolean {
    return this.status === 'failed';
  }

  get currentProgress(): number {
    return this.progress;
  }

  snapshot(): TaskSnapshot {
    return {
      id: this.id,
      name: this.name,
      status: this.status,
      progress: this.progress,
      weight: this.weight,
      startedAt: this.startedAt,
      finishedAt: this.finishedAt,
      ...(this.message !== undefined ? { message: this.message } : {}),
      ...(this.output !== undefined ? { output: this.output } : {}),
      ...(this.error !== undefined ? { error: this.error } : {}),
    };
  }

  private set(status: TaskStatus, progress: number, message: string | undefined): void {
    const now = Date.now();
    if (this.startedAt === null) this.startedAt = now;
    if (status === 'completed' || status === 'failed') this.finishedAt = now;
    this.status = status;
    this.progress = progress;
    if (message !== undefined) this.message = message;
    this.changed(this);
  }
}
