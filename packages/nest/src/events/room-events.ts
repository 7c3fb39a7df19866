import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type BroadcastEvent, type BroadcastPayload, SocketIoBroadcaster } from '@liveprogress/core';

/** One room emit, as the room-event SSE streams receive it. */
export interface RoomEvent {
  rooms: readonly string[];
  event: string;
  payload: unknown;
}

export type RoomEventListener = (event: string, payload: unknown) => void;

/** The message that carries a room emit to the other processes' streams (clustered mode). */
const RELAY_MESSAGE = 'liveprogress:room-event';

/**
 * Room emits (toasts, table refreshes, custom events) for every reader: the rooms' sockets
 * through the broadcaster, and the room-event SSE streams of this process
 * (docs/protocol.md, HTTP and Server-Sent Events). Sockets on other processes get the emit
 * through the Socket.IO adapter; streams there get it through a server-side message.
 */
@Injectable()
export class RoomEvents implements OnModuleDestroy {
  private readonly listeners = new Set<{ rooms: ReadonlySet<string>; listener: RoomEventListener }>();
  private readonly stopAnswering: () => void;
  private readonly logger = new Logger('LiveProgressRoomEvents');
  /** Whether a throwing stream was already logged: one line, not one per event. */
  private brokenReported = false;

  constructor(private readonly broadcaster: SocketIoBroadcaster) {
    this.stopAnswering = broadcaster.answer(RELAY_MESSAGE, (message) => {
      if (isRoomEvent(message)) this.deliverLocal(message);
      return true;
    });
  }

  emit<E extends BroadcastEvent>(rooms: readonly string[], event: E, payload: BroadcastPayload<E>): void {
    this.broadcaster.emit(rooms, event, payload);
    const message: RoomEvent = { rooms, event, payload };
    this.deliverLocal(message);
    // Nobody awaits the answers: they only say that a process heard it.
    if (this.broadcaster.clustered) void this.broadcaster.ask(RELAY_MESSAGE, message);
  }

  /** Hears every emit to any of `rooms`, once per emit however many of them it names. */
  listen(rooms: readonly string[], listener: RoomEventListener): () => void {
    const entry = { rooms: new Set(rooms), listener };
    this.listeners.add(entry);
    return () => {
      this.listeners.delete(entry);
    };
  }

  onModuleDestroy(): void {
    this.stopAnswering();
    this.listeners.clear();
  }

  private deliverLocal({ rooms, event, payload }: RoomEvent): void {
    for (const entry of [...this.listeners]) {
      if (!rooms.some((room) => entry.rooms.has(room))) continue;
      try {
        entry.listener(event, payload);
      } catch (err) {
        // One broken stream must not keep the event from the others; that stream misses this event.
        if (!this.brokenReported) {
          this.brokenReported = true;
          this.logger.error(`a room-event stream threw on "${event}" and missed it (logged once): ${String(err)}`);
        }
      }
    }
  }
}

function isRoomEvent(value: unknown): value is RoomEvent {
  const message = value as Partial<RoomEvent> | null;
  return typeof message === 'object' && message !== null && Array.isArray(message.rooms) && typeof message.event === 'string';
}
