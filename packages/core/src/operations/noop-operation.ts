import type { Operation, StageReporter, TaskReporter } from './operation.js';

const noopStage: StageReporter = { update: () => undefined };

/** An operation that goes nowhere: every method does nothing and never throws. */
export class NoopOperation implements Operation {
  readonly id = '';
  readonly signal = new AbortController().signal;
  readonly isFinished = false;
  update(): void {}
  stage(): StageReporter {
    return noopStage;
  }
  task(id = ''): TaskReporter {
    return { id, start: () => undefined, update: () => undefined, complete: () => undefined, fail: () => undefined };
  }
  complete(): void {}
  fail(): void {}
  async waitForSubscriber(): Promise<boolean> {
    return false;
  }
  async flushed(): Promise<void> {}
}
