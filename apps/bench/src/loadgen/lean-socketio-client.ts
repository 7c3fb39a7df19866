import { ClientRequest } from '@liveprogress/protocol';
import WebSocket from 'ws';
import { PROGRESS_UPDATED } from '../shared/payload.js';
import type { BenchClient, OnProgress } from './bench-client.js';

/**
 * Just enough of the Engine.IO v4 / Socket.IO v5 wire protocol for the bench, over a
 * `ws` socket: open, auth, pong, events, acks. The server cannot tell it from
 * socket.io-client on the WebSocket transport, but it costs the load generator a
 * fraction of the library's per-message work, so that the load generator (which
 * shares the two cores) is less often the bottleneck.
 */
export class LeanSocketIoClient implements BenchClient {
  private readonly ws: WebSocket;
  private readonly acks = new Map<number, (response: unknown) => void>();
  private nextAck = 1;
  readonly connected: Promise<void>;

  constructor(url: string, token: string, timeoutMs: number, onProgress: OnProgress, onDrop: () => void) {
    this.ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`, { perMessageDeflate: false, handshakeTimeout: timeoutMs });
    let settle: { resolve: () => void; reject: (err: Error) => void } | undefined;
    this.connected = new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      settle = {
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (err) => {
          clearTimeout(timer);
          reject(err);
        },
      };
    });
    let open = false;
    this.ws.on('message', (data: Buffer) => {
      const text = data.toString();
      switch (text.charCodeAt(0)) {
        case 0x30: // 0: Engine.IO open → Socket.IO CONNECT with the token
          this.ws.send(`40${JSON.stringify({ token })}`);
          return;
        case 0x32: // 2: ping
          this.ws.send('3');
          return;
        case 0x34: // 4: a Socket.IO packet
          break;
        default:
          return;
      }
      switch (text.charCodeAt(1)) {
        case 0x32: {
          // 2: EVENT, ["name", payload]
          const [name, payload] = JSON.parse(text.slice(2)) as [string, Parameters<OnProgress>[0]];
          if (name === PROGRESS_UPDATED) onProgress(payload);
          return;
        }
        case 0x33: {
          // 3: ACK, <id>[response]
          const bracket = text.indexOf('[');
          const id = Number(text.slice(2, bracket));
          const [response] = JSON.parse(text.slice(bracket)) as [unknown];
          this.acks.get(id)?.(response);
          return;
        }
        case 0x30: // 0: CONNECT accepted
          open = true;
          settle?.resolve();
          return;
        case 0x34: {
          // 4: CONNECT_ERROR {message, data}
          const { message } = JSON.parse(text.slice(2)) as { message?: string };
          settle?.reject(new Error(message ?? 'connect_error'));
          return;
        }
        case 0x31: // 1: DISCONNECT by the server
          this.ws.close();
          return;
      }
    });
    this.ws.on('error', (err) => settle?.reject(err));
    this.ws.on('close', (code) => {
      if (!open) settle?.reject(new Error(`closed (${code}) before connecting`));
      else if (code !== 1000 && code !== 1005) onDrop();
    });
  }

  subscribe(operationId: string, timeoutMs: number): Promise<boolean> {
    const id = this.nextAck++;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.acks.delete(id);
        resolve(false);
      }, timeoutMs);
      this.acks.set(id, (response) => {
        clearTimeout(timer);
        this.acks.delete(id);
        resolve((response as { ok?: boolean } | undefined)?.ok === true);
      });
      this.ws.send(`42${id}${JSON.stringify([ClientRequest.SUBSCRIBE, { operationId }])}`);
    });
  }

  close(): void {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send('41');
    this.ws.close(1000);
  }
}
