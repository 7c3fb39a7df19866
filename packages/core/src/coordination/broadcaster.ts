import type { ServerEvent, ServerEventPayload } from '@liveprogress/protocol';

/** An event name the server sends to rooms: one of the catalogue's, or an application's own. */
export type BroadcastEvent = ServerEvent | (string & {});

/** The payload a catalogue event must carry; an application's own events carry anything. */
export type BroadcastPayload<E extends BroadcastEvent> = E extends ServerEvent ? ServerEventPayload<E> : unknown;

/**
 * How the runtime reaches sockets, whichever process holds them: emits to rooms, room
 * membership and requests to the other processes sharing the deployment. The runtime
 * talks to this, never to a Socket.IO server or a store class directly.
 */
export interface Broadcaster {
  /** True when emits reach the sockets of other processes too (a cluster adapter). */
  readonly clustered: boolean;
  emit<E extends BroadcastEvent>(rooms: string | readonly string[], event: E, payload: BroadcastPayload<E>): void;
  /**
   * Optional: emits a payload given as its JSON text, sent as is (it must be the text of a
   * valid payload of `event`). False when this broadcaster cannot (a cluster adapter, nothing
   * attached): then the caller emits the object.
   */
  emitEncoded?(room: string, event: BroadcastEvent, payloadJson: string): boolean;
  /** Whether any socket, on any process, is in the room. */
  hasMembers(room: string): Promise<boolean>;
  /** Asks every other process; the answers of those that replied in time. */
  ask(message: string, payload: unknown): Promise<unknown[]>;
  /** Answers other processes' `ask` for `message`; returns the off-function. */
  answer(message: string, handler: (payload: unknown) => unknown): () => void;
}
