import type { OperationErrorInfo, TaskSnapshot, TaskStatus } from '@liveprogress/protocol';
import { InvalidOperationInputError } from '../errors.js';
import { toOperationError } from './operation-error.js';
import type { TaskReporter } from './operation.js';
import type { TaskChange } from './operation-write.js';

/**
 * One named part of an operation (a file of an upload, an item of a batch). It reports
 * what changed (a TaskChange) to its operation, whose next coalesced write carries it;
 * the store merges it into the stored task, so another process's report on the same
 * task is never overwritten by this one's older view. It keeps only what it needs to
 * ignore its own calls after it ended.
 */
export class TaskHandle implements TaskReporter {
  private status: TaskStatus = 'pending';
  private progress = 0;
  private error: OperationErrorInfo | undefined;

  constructor(
    readonly id: string,
    public name: string,
    readonly weight: number,
    private readonly changed: (task: TaskHandle, change: TaskChange) => void,
  ) {}

  /** A task as a snapshot holds it, for a process that takes the operation over. */
  static restore(snapshot: TaskSnapshot, changed: (task: TaskHandle, change: TaskChange) => void): TaskHandle {
    const task = new TaskHandle(snapshot.id, snapshot.name, snapshot.weight ?? 1, changed);
    task.status = snapshot.status;
    task.progress = snapshot.progress;
    task.error = snapshot.error;
    return task;
  }

  start(message?: string): void {
    if (this.status !== 'pending') return;
    this.set({ status: 'running', ...(message !== undefined ? { message } : {}) });
  }

  update(progress: number, message?: string): void {
    if (this.isDone) return;
    if (typeof progress !== 'number' || Number.isNaN(progress)) {
      throw new InvalidOperationInputError(`task("${this.id}").update(progress) takes a number from 0 to 100`);
    }
    this.progress = Math.max(this.progress, Math.min(100, Math.max(0, progress)));
    this.set({ status: 'running', progress: this.progress, ...(message !== undefined ? { message } : {}) });
  }

  complete(output?: unknown, message?: string): void {
    if (this.isDone) return;
    this.progress = 100;
    this.set({ status: 'completed', progress: 100, ...(output !== undefined ? { output } : {}), ...(message !== undefined ? { message } : {}) });
  }

  fail(error: unknown): void {
    if (this.isDone) return;
    this.error = toOperationError(error);
    this.set({ status: 'failed', error: this.error, message: this.error.message });
  }

  get isDone(): boolean {
    return this.status === 'completed' || this.status === 'failed';
  }

  get hasFailed(): boolean {
    return this.status === 'failed';
  }

  /** Why it failed, as reported here. */
  get failure(): OperationErrorInfo | undefined {
    return this.error;
  }

  private set(change: Omit<TaskChange, 'id'>): void {
    if (change.status) this.status = change.status;
    this.changed(this, { id: this.id, ...change });
  }
}
