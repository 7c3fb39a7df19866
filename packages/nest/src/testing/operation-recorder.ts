import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { OperationLifecycle, type OperationStore } from '@liveprogress/core';
import { type OperationSnapshot, type StoredEvent, isTerminalStatus } from '@liveprogress/protocol';
import { OPERATION_STORE } from '../live-progress.tokens.js';
import { OperationsService } from '../operations/operations.service.js';

/**
 * What the operations of a test produced, read as a subscriber would see it: every stored event
 * in `seq` order and the snapshot. Each read first waits for what the operation's handle has
 * reported so far to be stored; `ended(id)` waits for work that runs in the background to end.
 */
@Injectable()
export class OperationRecorder implements OnModuleDestroy {
  private readonly waiting = new Map<string, Set<(snapshot: OperationSnapshot) => void>>();
  private readonly off: Array<() => void>;

  constructor(
    @Inject(OPERATION_STORE) private readonly store: OperationStore,
    private readonly operations: OperationsService,
    lifecycle: OperationLifecycle,
  ) {
    const ended = (_event: StoredEvent, snapshot: OperationSnapshot) => {
      for (const resolve of this.waiting.get(snapshot.operationId) ?? []) resolve(snapshot);
      this.waiting.delete(snapshot.operationId);
    };
    this.off = (['completed', 'failed', 'cancelled'] as const).map((status) => lifecycle.onStatus(status, ended));
  }

  onModuleDestroy(): void {
    for (const off of this.off) off();
  }

  /**
   * Resolves with the final snapshot once the operation has ended (completed, failed or
   * cancelled); rejects naming the operation after `timeoutMs` (default 5 s).
   */
  async ended(operationId: string, { timeoutMs = 5000 }: { timeoutMs?: number } = {}): Promise<OperationSnapshot> {
    const ended = new Promise<OperationSnapshot>((resolve, reject) => {
      let set = this.waiting.get(operationId);
      if (!set) this.waiting.set(operationId, (set = new Set()));
      const timer = setTimeout(() => {
        set.delete(done);
        reject(new Error(`operation ${operationId} did not end within ${timeoutMs} ms`));
      }, timeoutMs);
      const done = (snapshot: OperationSnapshot) => {
        clearTimeout(timer);
        resolve(snapshot);
      };
      set.add(done);
    });
    // It may have ended before anyone waited.
    const now = await this.snapshot(operationId);
    if (now && isTerminalStatus(now.status)) {
      for (const resolve of this.waiting.get(operationId) ?? []) resolve(now);
      this.waiting.delete(operationId);
    }
    return ended;
  }

  /** Every event stored for the operation, oldest first (`[]` for an id nobody started). */
  async events(operationId: string): Promise<StoredEvent[]> {
    await this.settled(operationId);
    return (await this.store.eventsAfter(operationId, 0)).events;
  }

  /** The operation's snapshot, or null for an id nobody started. */
  async snapshot(operationId: string): Promise<OperationSnapshot | null> {
    await this.settled(operationId);
    return this.store.get(operationId);
  }

  /** The distinct stages the operation's events went through, in order: what a tracker's stepper showed. */
  async stages(operationId: string): Promise<string[]> {
    const stages: string[] = [];
    for (const event of await this.events(operationId)) {
      const stage = 'stage' in event ? event.stage : undefined;
      if (typeof stage === 'string' && stages.at(-1) !== stage) stages.push(stage);
    }
    return stages;
  }

  /** Operations of a tenant (every user's), newest first. */
  async list(tenantId: string): Promise<OperationSnapshot[]> {
    return this.store.list({ tenantId, limit: 100 });
  }

  private async settled(operationId: string): Promise<void> {
    // A handle whose operation ended elsewhere rejects here; what was stored is still what the test reads.
    await this.operations
      .handle(operationId)
      ?.flushed()
      .catch(() => undefined);
  }
}
