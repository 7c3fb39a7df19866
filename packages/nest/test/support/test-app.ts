import 'reflect-metadata';
import type { INestApplication, Type } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { signToken } from '@liveprogress/test-support';
import { io, type Socket } from 'socket.io-client';
import { LiveProgressModule, type LiveProgressModuleOptions, OperationsService, WebSocketService } from '../../src/index.js';
import { SocketIoBroadcaster } from '@liveprogress/core';
import { GuideExampleModule } from './guide-example.fixture.js';

export const SECRET = 'nest-test-secret-0123456789-abcdefghijklmnop';

export interface TestApp {
  app: INestApplication;
  url: string;
  operations: OperationsService;
  ws: WebSocketService;
  sockets: SocketIoBroadcaster;
  token(sub: string, tenantId: string, options?: { roles?: unknown; expiresIn?: number; claims?: Record<string, unknown> }): string;
  connect(token: string | undefined, options?: Partial<Parameters<typeof io>[1]>): Promise<Socket>;
  close(): Promise<void>;
}

/** A real Nest app with the module on a free loopback port, plus the WebSocketService example controller (docs/nest.md, WebSocketService). */
export async function startTestApp(
  options: Partial<LiveProgressModuleOptions> = {},
  extras: { httpPrefix?: string | false; roomEventsPath?: string | false; imports?: Array<Type<unknown>>; controllers?: Array<Type<unknown>> } = {},
): Promise<TestApp> {
  const { imports = [], controllers = [], ...moduleExtras } = extras;
  const moduleRef = await Test.createTestingModule({
    imports: [LiveProgressModule.forRoot({ auth: { secret: SECRET }, ...options, isGlobal: true, ...moduleExtras }), GuideExampleModule, ...imports],
    controllers,
  }).compile();
  const app = moduleRef.createNestApplication({ logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const port = (app.getHttpServer().address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}`;
  const clients = new Set<Socket>();
  return {
    app,
    url,
    operations: app.get(OperationsService),
    ws: app.get(WebSocketService),
    sockets: app.get(SocketIoBroadcaster),
    token: (sub, tenantId, { roles, expiresIn = 3600, claims = {} } = {}) =>
      signToken({ sub, tenantId, ...(roles !== undefined ? { roles } : {}), ...claims }, { secret: SECRET, expiresIn }),
    connect: (token, extra = {}) => {
      const socket = io(url, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        ...(token !== undefined ? { auth: { token } } : {}),
        ...extra,
      });
      clients.add(socket);
      return new Promise((resolve, reject) => {
        socket.once('connect', () => resolve(socket));
        socket.once('connect_error', (err) => reject(err));
      });
    },
    close: async () => {
      for (const socket of clients) socket.disconnect();
      await app.close();
    },
  };
}

/** Resolves with the next `event` on a socket, or rejects after `ms`. */
export function nextEvent<T = unknown>(socket: Socket, event: string, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/** Sends a request and waits for its ack. */
export function request<T = any>(socket: Socket, event: string, ...args: unknown[]): Promise<T> {
  return socket.timeout(5000).emitWithAck(event, ...args) as Promise<T>;
}

export { sleep, until } from '@liveprogress/test-support';

/** Collects every progress.* event a socket receives, in arrival order. */
export function collectProgress(socket: Socket): Array<{ event: string; seq: number; progress: number; [k: string]: any }> {
  const seen: Array<{ event: string; seq: number; progress: number }> = [];
  for (const event of ['progress.updated', 'progress.completed', 'progress.failed']) {
    socket.on(event, (payload: { seq: number; progress: number }) => seen.push({ event, ...payload }));
  }
  return seen as any;
}

let rawAckId = 1_000_000;

/**
 * Sends a request whose payload is already JSON text, straight onto the Engine.IO
 * connection: the client's own encoder walks payloads recursively and cannot send
 * the pathological ones a hostile client can.
 */
export function requestRaw<T = any>(socket: Socket, event: string, payloadJson: string): Promise<T> {
  const id = rawAckId++;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no ack')), 5000);
    (socket as unknown as { acks: Record<number, (r: T) => void> }).acks[id] = (response: T) => {
      clearTimeout(timer);
      resolve(response);
    };
    const engine = (socket.io as unknown as { engine: { write: (data: string) => void } }).engine;
    engine.write(`2${id}[${JSON.stringify(event)},${payloadJson}]`);
  });
}
