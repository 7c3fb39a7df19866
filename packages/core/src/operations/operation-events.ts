import { Rooms, type StoredEvent } from '@liveprogress/protocol';
import type { Broadcaster } from '../coordination/broadcaster.js';
import { payloadText } from '../coordination/encoded-payload.js';
import { type Metrics, noopMetrics } from '../metrics/metrics.js';
import type { EventRelay } from '../store/event-relay.js';
import type { OperationStore } from '../store/operation-store.js';
import { type Logger, consoleLogger } from '../logger.js';
import { ReportedOnce } from '../reported-once.js';

/** The label of every publish-lag observation, made once rather than per event. */
const BROADCAST_PATH = { path: 'broadcast' } as const;

export type OperationEventListener = (event: StoredEvent) => void;

/**
 * Delivers each stored event: to the operation's Socket.IO room (every node, through
 * the adapter) and to this process's listeners (SSE streams). With a store that
 * offers a relay (Redis), a process with listeners also hears the events other
 * processes store; a listener may then see an event twice and goes by `seq`, as
 * every client does.
 */
export class OperationEvents {
  private readonly listeners = new Map<string, Set<OperationEventListener>>();
  private readonly relayed = new Map<string, () => void>();
  /** Room names of running operations, so the hot path does not URI-encode the id on every event. */
  private readonly rooms = new Map<string, string>();
  private readonly relay: EventRelay | undefined;
  /** Operations whose listener threw: logged once each, not on every event. */
  private readonly brokenListeners = new ReportedOnce(1000);

  constructor(
    private readonly broadcaster: Broadcaster,
    store: OperationStore,
    private readonly logger: Logger = consoleLogger('LiveProgressEvents'),
    private readonly metrics: Metrics = noopMetrics,
  ) {
    this.relay = store.relay?.(logger);
  }

  /**
   * `broadcast`: the store already sent it to the room, in the same round trip as the write.
   * `text`: the event's JSON text, when the store made it: the payload's text is cut from it
   * and sent as is, so the event is serialized once, not again by Socket.IO.
   */
  publish(event: StoredEvent, broadcast = false, text?: string): void {
    if (!broadcast) {
      const name = event.event;
      const room = this.roomOf(event.operationId, name !== 'progress.updated');
      const payloadJson = text !== undefined && this.broadcaster.emitEncoded ? payloadText(text, name) : undefined;
      if (payloadJson === undefined || !this.broadcaster.emitEncoded?.(room, name, payloadJson)) {
        const { event: _name, ...payload } = event;
        // A StoredEvent pairs its name with its payload, but destructured TypeScript no longer
        // correlates the two; the catalogue's types hold by construction of StoredEvent.
        this.broadcaster.emit(room, name, payload as never);
      }
    }
    // Whether the store or this node sent it to the room, it left this node just now.
    this.metrics.observe('publish_lag_seconds', (Date.now() - event.timestamp) / 1000, BROADCAST_PATH);
    this.deliverLocal(event);
  }

  private roomOf(operationId: string, last: boolean): string {
    const known = this.rooms.get(operationId);
    const room = known ?? Rooms.operation(operationId);
    if (last) this.rooms.delete(operationId);
    else if (known === undefined) this.rooms.set(operationId, room);
    return room;
  }

  /** To this process's listeners only. */
  deliverLocal(event: StoredEvent): void {
    const listeners = this.listeners.get(event.operationId);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (err) {
        // One broken listener must not keep the event from the others.
        if (this.brokenListeners.first(event.operationId)) {
          this.logger.error(`a listener of operation ${event.operationId}'s events threw (logged once per operation): ${String(err)}`);
        }
      }
    }
  }

  listenerCount(operationId: string): number {
    return this.listeners.get(operationId)?.size ?? 0;
  }

  listen(operationId: string, listener: OperationEventListener): () => void {
    let set = this.listeners.get(operationId);
    if (!set) this.listeners.set(operationId, (set = new Set()));
    set.add(listener);
    if (this.relay && !this.relayed.has(operationId)) {
      this.relayed.set(
        operationId,
        this.relay.watch(operationId, (event) => this.deliverLocal(event)),
      );
    }
    return () => {
      set.delete(listener);
      if (set.size > 0 || this.listeners.get(operationId) !== set) return;
      this.listeners.delete(operationId);
      this.relayed.get(operationId)?.();
      this.relayed.delete(operationId);
    };
  }

  async close(): Promise<void> {
    await this.relay?.close();
  }
}
