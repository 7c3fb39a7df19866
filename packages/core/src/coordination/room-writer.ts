import { EncodedPayload, eventFrame, sendsPayloadsAsText } from './encoded-payload.js';
import type { LiveServer } from './live-server.js';

/** The parts of Socket.IO's in-memory adapter and sockets a direct room write reads (socket.io-adapter 2.5). */
interface InMemoryAdapter {
  rooms: Map<string, Set<string>>;
  constructor: { name: string };
}

interface PacketOptions {
  preEncoded: boolean;
  volatile: boolean | undefined;
  compress: boolean | undefined;
}

interface DirectSocket {
  client: { writeToEngine(encodedPackets: string[], options: PacketOptions): void };
  listenersAnyOutgoing(): unknown[];
  notifyOutgoingListeners(packet: { type: number; nsp: string; data: unknown[] }): void;
}

/**
 * Writes an event whose payload text is made to the members of one room of the main
 * namespace, as Socket.IO's in-memory adapter does for `io.to(room).emit()` (one frame,
 * `writeToEngine` on each member, outgoing listeners told first), without the broadcast
 * operator, flag and room sets that call makes for every event (docs/performance.md,
 * Findings). Only for the plain in-memory adapter: any other adapter (a cluster one, the
 * session-aware one of connection state recovery, a subclass) has its own broadcast, which
 * `write` leaves to it by returning false.
 */
export class RoomWriter {
  private adapter: unknown;
  private direct = false;

  constructor(private readonly server: LiveServer) {}

  /** False when the room must be written through Socket.IO's own broadcast instead. */
  write(room: string, event: string, payloadJson: string): boolean {
    const namespace = this.server.sockets;
    const adapter = namespace.adapter as unknown as InMemoryAdapter;
    // Judged again whenever the adapter is replaced (`server.adapter()` after attaching).
    if (adapter !== this.adapter) {
      this.adapter = adapter;
      this.direct =
        adapter.constructor.name === 'Adapter' && !Object.hasOwn(adapter, 'broadcast') && adapter.rooms instanceof Map && sendsPayloadsAsText(this.server);
    }
    if (!this.direct) return false;
    const members = adapter.rooms.get(room);
    if (members === undefined) return true;
    const frame = [eventFrame('/', undefined, event, payloadJson)];
    // As the adapter does: one options object per broadcast, shared by its sockets (engine.io completes it).
    const options: PacketOptions = { preEncoded: true, volatile: undefined, compress: undefined };
    let packet: { type: number; nsp: string; data: unknown[] } | undefined;
    for (const id of members) {
      const socket = namespace.sockets.get(id) as unknown as DirectSocket | undefined;
      if (!socket) continue;
      if (socket.listenersAnyOutgoing().length > 0) {
        packet ??= { type: EVENT_PACKET, nsp: '/', data: [event, new EncodedPayload(payloadJson)] };
        socket.notifyOutgoingListeners(packet);
      }
      socket.client.writeToEngine(frame, options);
    }
    return true;
  }
}

/** Socket.IO's packet type of an event (socket.io-parser's PacketType.EVENT). */
const EVENT_PACKET = 2;
