import { EncodedPayload, sendsPayloadsAsText } from './encoded-payload.js';
import type { LiveServer } from './live-server.js';

interface Packet {
  type: number;
  nsp: string;
  data: unknown[];
}

interface PacketOptions {
  preEncoded: boolean;
  volatile: boolean | undefined;
  compress: boolean | undefined;
}

/** The parts of Socket.IO's in-memory adapter and sockets a direct room write reads (socket.io-adapter 2.5). */
interface InMemoryAdapter {
  rooms: Map<string, Set<string>>;
  constructor: { name: string };
  /** Encodes a packet once for all its recipients, and adds the WebSocket frame made once to `options` (`wsPreEncodedFrame`). */
  _encode(packet: Packet, options: PacketOptions): unknown[];
}

interface DirectSocket {
  client: { writeToEngine(encodedPackets: unknown[], options: PacketOptions): void };
  notifyOutgoingListeners(packet: Packet): void;
}

/**
 * Writes an event whose payload text is made to the members of one room of the main
 * namespace, as Socket.IO's in-memory adapter does for `io.to(room).emit()` (the packet
 * encoded once by the adapter's own `_encode`, WebSocket frame included; outgoing listeners
 * told, then `writeToEngine` on each member), without the broadcast operator and the three
 * sets (rooms, exceptions, recipients seen) that call makes for every event
 * (docs/performance.md, Findings). Only for the plain in-memory adapter: any other adapter (a cluster one, the
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
        adapter.constructor.name === 'Adapter' &&
        !Object.hasOwn(adapter, 'broadcast') &&
        adapter.rooms instanceof Map &&
        typeof adapter._encode === 'function' &&
        sendsPayloadsAsText(this.server);
    }
    if (!this.direct) return false;
    const members = adapter.rooms.get(room);
    if (members === undefined) return true;
    const packet: Packet = { type: EVENT_PACKET, nsp: '/', data: [event, new EncodedPayload(payloadJson)] };
    // As the adapter does: one options object per broadcast, shared by its sockets (engine.io completes it).
    const options: PacketOptions = { preEncoded: true, volatile: undefined, compress: undefined };
    const encoded = adapter._encode(packet, options);
    for (const id of members) {
      const socket = namespace.sockets.get(id) as unknown as DirectSocket | undefined;
      if (!socket) continue;
      socket.notifyOutgoingListeners(packet);
      socket.client.writeToEngine(encoded, options);
    }
    return true;
  }
}

/** Socket.IO's packet type of an event (socket.io-parser's PacketType.EVENT). */
const EVENT_PACKET = 2;
