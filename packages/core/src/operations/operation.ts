import type { OperationUpdate } from './operation-update.js';

/** Reports one stage in its own 0–100, mapped onto the stage's share of the operation's bar. */
export interface StageReporter {
  update(progress: number, message?: string, details?: Record<string, unknown>): void;
}

/** Reports one named part of an operation (a file, an item). */
export interface TaskReporter {
  readonly id: string;
  start(message?: string): void;
  update(progress: number, message?: string): void;
  complete(output?: unknown, message?: string): void;
  fail(error: unknown): void;
}

/**
 * What work reports through: a live OperationHandle, or the no-op operation that
 * `currentOperation()` returns outside any operation, so library code can report
 * progress without checking.
 */
export interface Operation {
  readonly id: string;
  readonly signal: AbortSignal;
  readonly isFinished: boolean;
  update(update: OperationUpdate): void;
  stage(id: string): StageReporter;
  task(id: string, name?: string, options?: { weight?: number }): TaskReporter;
  complete(result?: unknown, message?: string): void;
  fail(failure: unknown): void;
  /** Resolves true once somebody watches the operation, false after `timeoutMs`. */
  waitForSubscriber(options?: { timeoutMs?: number }): Promise<boolean>;
  flushed(): Promise<void>;
}
