import { Injectable } from '@nestjs/common';
import type { Server } from 'socket.io';

/**
 * The Socket.IO server, once the gateway has attached it to the HTTP server.
 * Services emit through rooms on it, so a multi-node adapter carries every emit.
 */
@Injectable()
export class SocketServerRef {
  server: Server | undefined;
  /** True when a cluster adapter carries emits to other nodes (Redis mode). */
  clustered = false;

  emitToRooms(rooms: string | string[], event: string, payload: unknown): void {
    this.server?.to(rooms).emit(event, payload);
  }
}
