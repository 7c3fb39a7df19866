import type { AppendResult } from '../store/operation-store.js';
import type { OperationWrite } from './operation-write.js';

/** Where a handle's writes go to be applied to the stored operation, stored and delivered; implemented by OperationRuntime. */
export interface OperationSink {
  write(operationId: string, write: OperationWrite): Promise<AppendResult | null>;
  /** The same, done before returning when the store can (see `OperationStore.appendNow`); `undefined` when it cannot. */
  writeNow(operationId: string, write: OperationWrite): AppendResult | null | undefined;
  /** Called once the terminal event was written (or refused), so the runtime can forget the handle. */
  finished(operationId: string): void;
  waitForSubscriber(operationId: string, timeoutMs: number): Promise<boolean>;
}

/**
 * One operation's writes, one at a time, in call order. When nothing is queued ahead
 * and the store needs no I/O, a write happens inside the call, as a bare emit would;
 * a write made during that delivery (a hook reporting on its own operation) queues
 * behind it, so order holds.
 */
export class WriteQueue {
  private tail: Promise<unknown>;
  /** Writes queued on `tail` and not done yet (the store's create counts as one); at 0 a write may go at once. */
  private queued = 1;
  private writingNow = false;
  private readonly terminalWritten: Promise<void>;
  private markTerminalWritten!: () => void;

  constructor(
    private readonly operationId: string,
    private readonly sink: OperationSink,
    created: Promise<unknown>,
  ) {
    this.tail = created.finally(() => this.queued--);
    this.terminalWritten = new Promise((resolve) => (this.markTerminalWritten = resolve));
  }

  /** `last`: the terminal write; once it is stored the sink forgets the operation. */
  enqueue(write: OperationWrite, last: boolean): void {
    if (this.queued === 0 && !this.writingNow) {
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
    this.queued++;
    this.tail = this.tail.then(async () => {
      try {
        await this.sink.write(this.operationId, write);
      } finally {
        this.queued--;
      }
      if (last) this.terminalStored();
    });
  }

  /** Resolves once every write queued so far is done. */
  drained(): Promise<void> {
    return this.tail.then(() => undefined);
  }

  /** Resolves once the terminal event is written, or the store refused the operation's writes. */
  get ended(): Promise<void> {
    return this.terminalWritten;
  }

  /** The store refused a write: nothing more will be stored. */
  refused(): void {
    this.markTerminalWritten();
  }

  private terminalStored(): void {
    this.markTerminalWritten();
    this.sink.finished(this.operationId);
  }
}
