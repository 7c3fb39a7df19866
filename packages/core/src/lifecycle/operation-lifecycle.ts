import { type AnyOperationContract, isOperationContract, type OperationSnapshot, type StoredEvent } from '@liveprogress/protocol';
import type { Logger } from '../logger.js';
import { type Notifier, toNotice } from '../notifiers/notifier.interface.js';
import type { ContractLifecycleHandler } from './contract-lifecycle.js';
import { type LifecycleStatus, lifecycleStatusOf } from './lifecycle-status.js';

export type LifecycleHandler = (event: StoredEvent, snapshot: OperationSnapshot) => void | Promise<void>;

interface Registration {
  handler: LifecycleHandler;
  operationType: string | undefined;
}

/**
 * Calls lifecycle hooks and notifiers after each stored event of this process.
 * A handler that throws or rejects is logged; it never delays or stops delivery.
 */
export class OperationLifecycle {
  private readonly handlers = new Map<LifecycleStatus, Set<Registration>>();

  constructor(
    private readonly notifiers: readonly Notifier[],
    private readonly logger: Logger,
  ) {}

  /**
   * Registers a handler for one status, for the operations of one contract (the handler's event and
   * snapshot typed by it: `onStatus('completed', dataImport, (event, snapshot) => snapshot.result)`)
   * or of one operation type, or for all; returns its off-function.
   */
  onStatus<C extends AnyOperationContract, S extends LifecycleStatus>(status: S, contract: C, handler: ContractLifecycleHandler<C, S>): () => void;
  onStatus(status: LifecycleStatus, handler: LifecycleHandler, options?: { operationType?: string }): () => void;
  onStatus(
    status: LifecycleStatus,
    second: LifecycleHandler | AnyOperationContract,
    third?: { operationType?: string } | ContractLifecycleHandler<AnyOperationContract, LifecycleStatus>,
  ): () => void {
    const [handler, operationType] = isOperationContract(second)
      ? [third as LifecycleHandler, second.type]
      : [second, (third as { operationType?: string } | undefined)?.operationType];
    let set = this.handlers.get(status);
    if (!set) this.handlers.set(status, (set = new Set()));
    const registration = { handler, operationType };
    set.add(registration);
    return () => set.delete(registration);
  }

  /** Whether an event of this kind reaches any handler or notifier, so its snapshot is worth reading back. */
  needsSnapshot(event: Pick<StoredEvent, 'event' | 'status' | 'operationType'>): boolean {
    if (this.notifiers.length > 0) return true;
    for (const { operationType } of this.handlers.get(lifecycleStatusOf(event)) ?? []) {
      if (operationType === undefined || operationType === event.operationType) return true;
    }
    return false;
  }

  dispatch(event: StoredEvent, snapshot: OperationSnapshot): void {
    const status = lifecycleStatusOf(event);
    for (const { handler, operationType } of this.handlers.get(status) ?? []) {
      if (operationType !== undefined && operationType !== event.operationType) continue;
      this.guard(`${status} hook`, () => handler(event, snapshot));
    }
    if (this.notifiers.length === 0) return;
    const notice = toNotice(event, snapshot);
    for (const notifier of this.notifiers) this.guard('notifier', () => notifier.notify(notice));
  }

  /** Closes the notifiers (a webhook's queue), once nothing is delivered any more. */
  async close(): Promise<void> {
    await Promise.all(this.notifiers.map((n) => n.close?.()));
  }

  private guard(what: string, run: () => void | Promise<void>): void {
    const report = (err: unknown) => this.logger.error(`a ${what} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    try {
      const result = run();
      if (result && typeof (result as Promise<void>).catch === 'function') (result as Promise<void>).catch(report);
    } catch (err) {
      report(err);
    }
  }
}
