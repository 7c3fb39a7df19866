import type { ServerEvent } from '@liveprogress/protocol';
import type { BroadcastEvent, BroadcastPayload, Broadcaster } from './broadcaster.js';
import { EncodedPayload, acceptEncodedPayloads } from './encoded-payload.js';
import type { LiveServer } from './live-server.js';
import { RoomWriter } from './room-writer.js';

type Answer = (payload: unknown, reply: (answer: unknown) => void) => void;

/**
 * The Broadcaster over a Socket.IO server: the gateway's own (attached once it listens),
 * or, in a publisher process, a server attached to nothing whose adapter alone is used.
 * Until a server is attached, emits go nowhere and nobody is a member of anything.
 */
export class SocketIoBroadcaster implements Broadcaster {
  private server: LiveServer | undefined;
  private isClustered = false;
  /** The attached server sends payloads given as text (EncodedPayload): it has the in-memory adapter. */
  private encoded = false;
  /** Writes encoded events straight to a room's members when the adapter is the in-memory one. */
  private rooms: RoomWriter | undefined;
  private readonly answers = new Map<string, Answer>();

  get clustered(): boolean {
    return this.isClustered;
  }

  /** The attached server, for code that needs Socket.IO itself (the gateway). */
  get attached(): LiveServer | undefined {
    return this.server;
  }

  /** `clustered`: the server's adapter carries emits to other processes. */
  attach(server: LiveServer, options: { clustered: boolean }): void {
    this.server = server;
    this.isClustered = options.clustered;
    // A cluster adapter serializes packets itself: only the in-memory one takes text as is.
    if (!options.clustered) acceptEncodedPayloads(server);
    this.encoded = !options.clustered;
    this.rooms = this.encoded ? new RoomWriter(server) : undefined;
    for (const [message, handler] of this.answers) server.on(message, handler);
  }

  detach(): void {
    const server = this.server;
    this.server = undefined;
    this.isClustered = false;
    this.encoded = false;
    this.rooms = undefined;
    if (server) for (const [message, handler] of this.answers) server.off(message, handler);
  }

  emit<E extends BroadcastEvent>(rooms: string | readonly string[], event: E, payload: BroadcastPayload<E>): void {
    // The signature has checked the payload; Socket.IO's own typing knows catalogue names only.
    this.server?.to(rooms as string | string[]).emit(event as ServerEvent, payload as never);
  }

  emitEncoded(room: string, event: BroadcastEvent, payloadJson: string): boolean {
    if (!this.server || !this.encoded) return false;
    if (this.rooms?.write(room, event, payloadJson)) return true;
    this.server.to(room).emit(event as ServerEvent, new EncodedPayload(payloadJson) as never);
    return true;
  }

  async hasMembers(room: string): Promise<boolean> {
    if (!this.server) return false;
    return (await this.server.in(room).fetchSockets()).length > 0;
  }

  async ask(message: string, payload: unknown): Promise<unknown[]> {
    if (!this.server || !this.isClustered) return [];
    try {
      return await this.server.serverSideEmitWithAck(message, payload);
    } catch (err) {
      // A timeout still carries the answers that did arrive.
      return (err as { responses?: unknown[] }).responses ?? [];
    }
  }

  answer(message: string, handler: (payload: unknown) => unknown): () => void {
    const listener: Answer = (payload, reply) => reply(handler(payload));
    this.answers.set(message, listener);
    this.server?.on(message, listener);
    return () => {
      if (this.answers.get(message) !== listener) return;
      this.answers.delete(message);
      this.server?.off(message, listener);
    };
  }
}
