import { createServer, type Server as HttpServer } from 'node:http';
import { randomUUID } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { PROGRESS_UPDATED, progressPayload, type WsSubscribe } from '../shared/payload.js';
import { bearer, verifyHandshakeToken } from './jwt-handshake.js';
import type { BenchTarget, ServerConfig } from './server-api.js';

/**
 * Raw `ws`, the practical limit: a JWT check on upgrade, subscribers kept in a Set per
 * operation, each update serialised once and sent to each subscriber. No heartbeats,
 * no reconnection, no acks beyond subscribe: what Socket.IO adds on top is not here.
 */
export class WsTarget implements BenchTarget {
  private readonly http: HttpServer = createServer();
  private readonly wss: WebSocketServer;
  private readonly subscribers = new Map<string, Set<WebSocket>>();
  private ids: string[] = [];
  private seqs: number[] = [];
  private emitted = 0;

  constructor(config: ServerConfig) {
    this.wss = new WebSocketServer({
      server: this.http,
      perMessageDeflate: false,
      verifyClient: (info, done) => (verifyHandshakeToken(bearer(info.req.headers.authorization), config.secret) ? done(true) : done(false, 401)),
    });
    this.wss.on('connection', (ws) => {
      const joined = new Set<Set<WebSocket>>();
      ws.on('message', (data) => {
        let message: WsSubscribe;
        try {
          message = JSON.parse(data.toString()) as WsSubscribe;
        } catch {
          return;
        }
        const set = message.type === 'subscribe' ? this.subscribers.get(message.operationId) : undefined;
        set?.add(ws);
        if (set) joined.add(set);
        ws.send(JSON.stringify({ type: 'ack', id: message.id, ok: set !== undefined }));
      });
      ws.on('close', () => {
        for (const set of joined) set.delete(ws);
      });
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve) => this.http.listen(0, '127.0.0.1', () => resolve((this.http.address() as { port: number }).port)));
  }

  async createOperations(owners: string[]): Promise<string[]> {
    this.ids = owners.map(() => randomUUID());
    this.seqs = this.ids.map(() => 0);
    for (const id of this.ids) this.subscribers.set(id, new Set());
    return this.ids;
  }

  update(index: number, n: number, sentAt: number): void {
    const id = this.ids[index]!;
    const seq = (this.seqs[index] = this.seqs[index]! + 1);
    const text = JSON.stringify({ event: PROGRESS_UPDATED, data: progressPayload(id, seq, n, sentAt) });
    for (const ws of this.subscribers.get(id)!) ws.send(text);
    this.emitted++;
  }

  async eventsSent(): Promise<number> {
    return this.emitted;
  }

  backlogBytes(): number {
    let max = 0;
    for (const ws of this.wss.clients) max = Math.max(max, ws.bufferedAmount);
    return max;
  }

  close(): Promise<void> {
    for (const ws of this.wss.clients) ws.terminate();
    return new Promise((resolve) => this.wss.close(() => this.http.close(() => resolve())));
  }
}
