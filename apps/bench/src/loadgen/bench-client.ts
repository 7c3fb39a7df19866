import { ClientRequest } from '@liveprogress/protocol';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import { PROGRESS_UPDATED, type WsSubscribe } from '../shared/payload.js';
import type { ClientKind } from './loadgen-api.js';

import { LeanSocketIoClient } from './lean-socketio-client.js';

export type OnProgress = (payload: { seq?: number; details?: { n: number; sentAt: number } }) => void;

/** One load-generator connection, over Socket.IO (LiveProgress and the bare server) or raw `ws`. */
export interface BenchClient {
  /** Resolves once connected and authenticated. */
  readonly connected: Promise<void>;
  subscribe(operationId: string, timeoutMs: number): Promise<boolean>;
  close(): void;
}

/** `lean` speaks the Socket.IO protocol itself (see LeanSocketIoClient); otherwise socket.io-client does. */
export function openClient(
  kind: ClientKind,
  lean: boolean,
  url: string,
  token: string,
  timeoutMs: number,
  onProgress: OnProgress,
  onDrop: () => void,
): BenchClient {
  if (kind === 'ws') return new WsClient(url, token, timeoutMs, onProgress, onDrop);
  return lean ? new LeanSocketIoClient(url, token, timeoutMs, onProgress, onDrop) : new SocketIoClient(url, token, timeoutMs, onProgress, onDrop);
}

class SocketIoClient implements BenchClient {
  private readonly socket: Socket;
  readonly connected: Promise<void>;

  constructor(url: string, token: string, timeoutMs: number, onProgress: OnProgress, onDrop: () => void) {
    this.socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, timeout: timeoutMs, auth: { token } });
    this.socket.on(PROGRESS_UPDATED, onProgress);
    this.connected = new Promise((resolve, reject) => {
      this.socket.once('connect', () => {
        this.socket.on('disconnect', (reason) => {
          if (reason !== 'io client disconnect') onDrop();
        });
        resolve();
      });
      this.socket.once('connect_error', (err) => reject(err));
    });
  }

  async subscribe(operationId: string, timeoutMs: number): Promise<boolean> {
    const ack = (await this.socket.timeout(timeoutMs).emitWithAck(ClientRequest.SUBSCRIBE, { operationId })) as { ok?: boolean };
    return ack?.ok === true;
  }

  close(): void {
    this.socket.disconnect();
  }
}

class WsClient implements BenchClient {
  private readonly ws: WebSocket;
  private readonly acks = new Map<number, (ok: boolean) => void>();
  private nextId = 1;
  readonly connected: Promise<void>;

  constructor(url: string, token: string, timeoutMs: number, onProgress: OnProgress, onDrop: () => void) {
    this.ws = new WebSocket(url.replace(/^http/, 'ws'), {
      headers: { authorization: `Bearer ${token}` },
      perMessageDeflate: false,
      handshakeTimeout: timeoutMs,
    });
    this.ws.on('message', (data) => {
      const message = JSON.parse(data.toString()) as { event?: string; data?: Parameters<OnProgress>[0]; type?: string; id?: number; ok?: boolean };
      if (message.event === PROGRESS_UPDATED && message.data) onProgress(message.data);
      else if (message.type === 'ack' && message.id !== undefined) this.acks.get(message.id)?.(message.ok === true);
    });
    this.connected = new Promise((resolve, reject) => {
      this.ws.once('open', () => {
        this.ws.on('close', (code) => {
          if (code !== 1000 && code !== 1005) onDrop();
        });
        resolve();
      });
      this.ws.once('error', reject);
    });
  }

  subscribe(operationId: string, timeoutMs: number): Promise<boolean> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.acks.delete(id);
        resolve(false);
      }, timeoutMs);
      this.acks.set(id, (ok) => {
        clearTimeout(timer);
        this.acks.delete(id);
        resolve(ok);
      });
      this.ws.send(JSON.stringify({ type: 'subscribe', id, operationId } satisfies WsSubscribe));
    });
  }

  close(): void {
    this.ws.close(1000);
  }
}
