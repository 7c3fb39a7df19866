import { Injectable } from '@nestjs/common';
import { Rooms, type StoredEvent } from '@liveprogress/protocol';
import { ClusterMessage } from '../cluster-messages.js';
import { SocketServerRef } from '../gateway/socket-server.ref.js';

export type OperationEventListener = (event: StoredEvent) => void;

/**
 * Delivers each stored event: to the operation's Socket.IO room (every node, through
 * the adapter) and to this process's listeners (SSE streams, lifecycle hooks).
 */
@Injectable()
export class OperationEvents {
  private readonly listeners = new Map<string, Set<OperationEventListener>>();

  constructor(private readonly sockets: SocketServerRef) {}

  publish(event: StoredEvent): void {
    const { event: name, ...payload } = event;
    this.sockets.emitToRooms(Rooms.operation(event.operationId), name, payload);
    if (this.sockets.clustered) this.sockets.server?.serverSideEmit(ClusterMessage.EVENT, event);
    this.deliverLocal(event);
  }

  /** To this process's listeners only: for events stored by another node. */
  deliverLocal(event: StoredEvent): void {
    const listeners = this.listeners.get(event.operationId);
    if (!listeners) return;
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch {
        // One broken listener must not keep the event from the others.
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
    return () => {
      set.delete(listener);
      if (set.size === 0 && this.listeners.get(operationId) === set) this.listeners.delete(operationId);
    };
  }
}
