import type { AppendResult } from '../store/operation-store.js';
import { mergeUpdates, mergesLosslessly } from './merge-updates.js';
import type { OperationWrite } from './operation-write.js';

/** Where a handle's writes go to be applied to the stored operation, stored and delivered; implemented by OperationRuntime. */
export interface OperationSink {
  /** Null when the store refused the write (the operation ended elsewhere or is gone); throws when the store could not be reached. */
  write(operationId: string, write: OperationWrite): Promise<AppendResult | null>;
  /** The same, done before returning when the store can (see `OperationStore.appendNow`); `undefined` when it cannot. */
  writeNow(operationId: string, write: OperationWrite): AppendResult | null | undefined;
  /** A write failed and will be tried again after `retryInMs` (`attempt` counts from 1). */
  writeFailed(operationId: string, err: unknown, attempt: number, retryInMs: number): void;
  /** Called once the terminal event was written (or refused), so the runtime can forget the handle. */
  finished(operationId: string): void;
  waitForSubscriber(operationId: string, timeoutMs: number): Promise<boolean>;
  /** Application code reported a change (before coalescing), for the metrics. */
  reported?(): void;
}

interface Queued {
  write: OperationWrite;
  last: boolean;
  /** How many enqueued writes this one stands for (merged updates count each). */
  count: number;
}

/**
 * One operation's writes, one at a time, in call order. When nothing is queued ahead
 * and the store needs no I/O, a write happens inside the call, as a bare emit would;
 * a write made during that delivery (a hook reporting on its own operation) queues
 * behind it, so order holds.
 *
 * A write the store could not take (unreachable, stalled then dropped) is tried again,
 * with a capped backoff, before anything behind it: `seq` stays contiguous and the
 * terminal write is retried until it is stored or the store refuses it. Meanwhile update
 * writes queued behind it fold into one (`mergeUpdates`), so an outage of any length
 * holds a bounded number of writes per operation: the latest state, not every report.
 */
export class WriteQueue {
  /** Writes not started yet, oldest first; the one being written is not among them. */
  private readonly waiting: Queued[] = [];
  private createdDone = false;
  private running = false;
  private writingNow = false;
  private stopped = false;
  /** Writes enqueued and done, the store's create counting as one: `drained()` waits for `done` to reach `enqueued`. */
  private enqueued = 1;
  private done = 0;
  private readonly drainWaiters: Array<{ target: number; resolve: () => void }> = [];
  private readonly terminalWritten: Promise<void>;
  private markTerminalWritten!: () => void;

  constructor(
    private readonly operationId: string,
    private readonly sink: OperationSink,
    created: Promise<unknown>,
  ) {
    this.terminalWritten = new Promise((resolve) => (this.markTerminalWritten = resolve));
    void created.finally(() => {
      this.createdDone = true;
      this.completed(1);
      this.pump();
    });
  }

  /** `last`: the terminal write; once it is stored the sink forgets the operation. */
  enqueue(write: OperationWrite, last: boolean): void {
    if (this.stopped) return;
    if (this.createdDone && !this.running && this.waiting.length === 0 && !this.writingNow) {
      this.writingNow = true;
      let written: AppendResult | null | undefined;
      try {
        written = this.sink.writeNow(this.operationId, write);
      } finally {
        this.writingNow = false;
      }
      if (written !== undefined) {
        if (last) this.terminalStored();
        return;
      }
    }
    this.enqueued++;
    const tail = this.waiting[this.waiting.length - 1];
    if (tail && !tail.last && tail.write.kind === 'update' && write.kind === 'update' && this.mayMerge(tail.write, write)) {
      tail.write = mergeUpdates(tail.write, write);
      tail.count++;
    } else {
      this.waiting.push({ write, last, count: 1 });
    }
    this.pump();
  }

  /** Resolves once every write enqueued so far is done. */
  drained(): Promise<void> {
    if (this.done >= this.enqueued) return Promise.resolve();
    return new Promise((resolve) => this.drainWaiters.push({ target: this.enqueued, resolve }));
  }

  /** Resolves once the terminal event is written, or the store refused the operation's writes. */
  get ended(): Promise<void> {
    return this.terminalWritten;
  }

  /** The store refused a write: nothing more will be stored, so what waits is dropped. */
  refused(): void {
    this.stopped = true;
    const dropped = this.waiting.splice(0).reduce((sum, queued) => sum + queued.count, 0);
    this.completed(dropped);
    this.markTerminalWritten();
  }

  /**
   * Updates that merge losslessly always merge while they wait; others (a stage change)
   * only once the backlog is long (the store is away), so a healthy store still stores
   * each stage's last report and an outage still holds at most MAX_WAITING writes.
   */
  private mayMerge(earlier: Extract<OperationWrite, { kind: 'update' }>, later: Extract<OperationWrite, { kind: 'update' }>): boolean {
    return mergesLosslessly(earlier, later) || this.waiting.length >= MAX_WAITING;
  }

  private pump(): void {
    if (this.running || !this.createdDone || this.stopped || this.waiting.length === 0) return;
    this.running = true;
    void this.run();
  }

  private async run(): Promise<void> {
    try {
      for (let next = this.waiting.shift(); next && !this.stopped; next = this.waiting.shift()) {
        await this.store(next);
        this.completed(next.count);
        if (next.last && !this.stopped) this.terminalStored();
      }
    } finally {
      this.running = false;
    }
  }

  /** Until the store takes the write or refuses it (then `refused()` stops the queue). */
  private async store(queued: Queued): Promise<void> {
    for (let attempt = 1; !this.stopped; attempt++) {
      try {
        await this.sink.write(this.operationId, queued.write);
        return;
      } catch (err) {
        const retryInMs = retryDelayMs(attempt);
        this.sink.writeFailed(this.operationId, err, attempt, retryInMs);
        await retryPause(retryInMs);
      }
    }
  }

  private completed(count: number): void {
    this.done += count;
    for (let i = this.drainWaiters.length - 1; i >= 0; i--) {
      const waiter = this.drainWaiters[i] as { target: number; resolve: () => void };
      if (waiter.target <= this.done) {
        this.drainWaiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  private terminalStored(): void {
    this.markTerminalWritten();
    this.sink.finished(this.operationId);
  }
}

/** Writes that may wait, per operation, before updates merge across a stage change too. */
const MAX_WAITING = 8;
/** Backoff of a write the store could not take: 100 ms, doubling, at most 2 s between tries. */
export function retryDelayMs(attempt: number): number {
  return Math.min(2000, 100 * 2 ** Math.min(attempt - 1, 16));
}

/** The wait before a retry; it does not keep a process alive that is otherwise done (shut down with the store away). */
export function retryPause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
