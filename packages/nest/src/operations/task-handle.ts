import type { TaskSnapshot, TaskStatus } from '@liveprogress/protocol';
import { InvalidOperationInputError } from '../errors.js';
import { toOperationError } from './operation-error.js';

/**
 * One named part of an operation (a file of an upload, an item of a batch). Its
 * changes ride on the operation's coalesced `progress.updated` events as `tasks`.
 */
export class TaskHandle {
  private status: TaskStatus = 'pending';
  private progress = 0;
  private message: string | undefined;

  constructor(
    readonly id: string,
    readonly name: string,
    private readonly changed: () => void,
  ) {}

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

  complete(message?: string): void {
    if (this.isDone) return;
    this.set('completed', 100, message);
  }

  fail(error: unknown): void {
    if (this.isDone) return;
    this.set('failed', this.progress, toOperationError(error).message);
  }

  get isDone(): boolean {
    return this.status === 'completed' || this.status === 'failed';
  }

  snapshot(): TaskSnapshot {
    return { id: this.id, name: this.name, status: this.status, progress: this.progress, ...(this.message !== undefined ? { message: this.message } : {}) };
  }

  private set(status: TaskStatus, progress: number, message: string | undefined): void {
    this.status = status;
    this.progress = progress;
    if (message !== undefined) this.message = message;
    this.changed();
  }
}
