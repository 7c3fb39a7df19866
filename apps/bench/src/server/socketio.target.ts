import { createServer, type Server as HttpServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { ClientRequest, Rooms } from '@liveprogress/protocol';
import { Server, type Socket } from 'socket.io';
import { PROGRESS_UPDATED, progressPayload } from '../shared/payload.js';
import { loadClusterModules } from './cluster-modules.js';
import { verifyHandshakeToken } from './jwt-handshake.js';
import type { BenchTarget, ServerConfig } from './server-api.js';

/**
 * Bare Socket.IO: a JWT check on connect, `operation.subscribe` joins a room, each update
 * is one emit to it. In cluster mode, the Redis streams adapter LiveProgress uses, with
 * the options it uses.
 */
export class SocketIoTarget implements BenchTarget {
  private readonly http: HttpServer = createServer();
  private readonly io: Server;
  private ids: string[] = [];
  private rooms: string[] = [];
  private seqs: number[] = [];
  private emitted = 0;
  private redis: { quit(): Promise<unknown> } | undefined;

  constructor(private readonly config: ServerConfig) {
    this.io = new Server(this.http, { serveClient: false });
    this.io.use((socket, next) => {
      const user = verifyHandshakeToken((socket.handshake.auth as { token?: unknown }).token, config.secret);
      if (!user) return next(new Error('unauthorized'));
      socket.data.user = user;
      next();
    });
    this.io.on('connection', (socket: Socket) => {
      socket.on(ClientRequest.SUBSCRIBE, (request: { operationId?: unknown }, ack?: (r: unknown) => void) => {
        if (typeof request?.operationId !== 'string') return ack?.({ ok: false });
        void socket.join(Rooms.operation(request.operationId));
        ack?.({ ok: true });
      });
    });
  }

  async listen(): Promise<number> {
    if (this.config.redis) {
      const modules = loadClusterModules();
      if (typeof modules === 'string') throw new Error(modules);
      const redis = new modules.Redis(this.config.redis.url);
      this.redis = redis;
      const prefix = `${this.config.redis.keyPrefix}socket.io`;
      this.io.adapter(modules.createAdapter(redis, { streamName: prefix, channelPrefix: prefix, onlyPlaintext: true }) as Parameters<Server['adapter']>[0]);
    }
    return new Promise((resolve) => this.http.listen(0, '127.0.0.1', () => resolve((this.http.address() as { port: number }).port)));
  }

  async createOperations(owners: string[]): Promise<string[]> {
    this.ids = owners.map(() => randomUUID());
    this.rooms = this.ids.map((id) => Rooms.operation(id));
    this.seqs = this.ids.map(() => 0);
    return this.ids;
  }

  update(index: number, n: number, sentAt: number): void {
    const seq = (this.seqs[index] = this.seqs[index]! + 1);
    this.io.to(this.rooms[index]!).emit(PROGRESS_UPDATED, progressPayload(this.ids[index]!, seq, n, sentAt));
    this.emitted++;
  }

  async eventsSent(): Promise<number> {
    return this.emitted;
  }

  backlogBytes(): number {
    let max = 0;
    for (const socket of this.io.of('/').sockets.values()) max = Math.max(max, socketBacklog(socket));
    return max;
  }

  async close(): Promise<void> {
    await new Promise<void>((resolve) => this.io.close(() => resolve()));
    await this.redis?.quit().catch(() => undefined);
  }
}

/** Engine.IO's queue plus what the WebSocket has not yet handed to the kernel. */
function socketBacklog(socket: Socket): number {
  const conn = socket.conn as unknown as { writeBuffer?: Array<{ data?: unknown }>; transport?: { socket?: { bufferedAmount?: number } } };
  let bytes = conn.transport?.socket?.bufferedAmount ?? 0;
  for (const packet of conn.writeBuffer ?? []) bytes += typeof packet.data === 'string' ? packet.data.length : 0;
  return bytes;
}
