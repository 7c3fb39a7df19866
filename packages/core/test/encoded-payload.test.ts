import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventInput } from '@liveprogress/protocol';
import { makeSnapshot } from '@liveprogress/test-support';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { EncodedPayload, acceptEncodedPayloads, payloadText } from '../src/coordination/encoded-payload.js';
import type { LiveServer } from '../src/coordination/live-server.js';
import { SocketIoBroadcaster } from '../src/coordination/socket-io-broadcaster.js';
import { MemoryOperationStore } from '../src/index.js';
import { OperationEvents } from '../src/operations/operation-events.js';

const payload = {
  operationId: 'op-ü',
  operationType: 'import',
  status: 'running',
  stage: null,
  progress: 12.5,
  message: 'naïve 😀 "quoted" \\ slash',
  details: { n: 3, nested: { list: [1, 'two', null] } },
  timestamp: 1_700_000_000_000,
  estimatedCompletion: null,
  seq: 7,
};

interface Encoder {
  encode(packet: { type: number; nsp: string; data: unknown[]; id?: number }): unknown[];
}
const encoderOf = (server: Server): Encoder => (server as unknown as { encoder: Encoder }).encoder;

describe('EncodedPayload', () => {
  it('is encoded to the very text Socket.IO makes of the payload object, in any namespace, with or without an ack id', () => {
    const plain = encoderOf(new Server());
    const server = new Server();
    acceptEncodedPayloads(server as LiveServer);
    const encoded = new EncodedPayload(JSON.stringify(payload));
    for (const [nsp, id] of [
      ['/', undefined],
      ['/admin', undefined],
      ['/', 12],
    ] as const) {
      const packet = (data: unknown) => ({ type: 2, nsp, data: ['progress.updated', data], ...(id === undefined ? {} : { id }) });
      expect(encoderOf(server).encode(packet(encoded))).toEqual(plain.encode(packet(payload)));
    }
    // Anything else goes through as before.
    expect(encoderOf(server).encode({ type: 2, nsp: '/', data: ['x', { a: 1 }] })).toEqual(plain.encode({ type: 2, nsp: '/', data: ['x', { a: 1 }] }));
  });

  it('cuts the payload text out of a stored event text, only when the event name leads it', () => {
    expect(payloadText(JSON.stringify({ event: 'progress.updated', ...payload }), 'progress.updated')).toBe(JSON.stringify(payload));
    expect(payloadText(JSON.stringify({ ...payload, event: 'progress.updated' }), 'progress.updated')).toBeUndefined();
    expect(payloadText(JSON.stringify({ event: 'progress.failed', ...payload }), 'progress.updated')).toBeUndefined();
  });

  it('puts the same bytes on a real socket as the object path, for every event the memory store keeps', async () => {
    const http = createServer();
    const server = new Server(http) as LiveServer;
    const broadcaster = new SocketIoBroadcaster();
    broadcaster.attach(server, { clustered: false });
    const store = new MemoryOperationStore({ maxEvents: 100, terminalRetentionMs: 60_000 });
    const events = new OperationEvents(broadcaster, store);
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const snapshot = makeSnapshot({ operationId: 'wire-op' });
    server.on('connection', (socket) => void socket.join(`op:${snapshot.operationId}`));
    const socket = io(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'] });
    const frames: string[] = [];
    const received: unknown[] = [];
    socket.io.on('open', () =>
      socket.io.engine.on('packet', (packet: { type: string; data?: unknown }) => {
        if (packet.type === 'message' && typeof packet.data === 'string' && packet.data.startsWith('2')) frames.push(packet.data);
      }),
    );
    socket.on('progress.updated', (p: unknown) => received.push(p));
    try {
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 100)); // the room join is asynchronous
      await store.create(snapshot);
      const input: EventInput = { event: 'progress.updated', ...payload, operationId: snapshot.operationId } as EventInput;
      const appended = await store.append(snapshot.operationId, input);
      if (!appended || 'conflict' in appended) throw new Error('append refused');
      expect(appended.text).toBe(JSON.stringify(appended.event));
      events.publish(appended.event, false, appended.text); // the text, sent as is
      events.publish(appended.event, false); // the object, stringified by Socket.IO
      const deadline = Date.now() + 5000;
      while (received.length < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(received).toHaveLength(2);
      expect(frames).toHaveLength(2);
      expect(frames[0]).toBe(frames[1]);
      expect(received[0]).toEqual(received[1]);
      expect(received[0]).toEqual({ ...payload, operationId: snapshot.operationId, seq: 1 });
    } finally {
      socket.disconnect();
      broadcaster.detach();
      server.disconnectSockets(true);
      server.engine.close();
      await new Promise((resolve) => http.close(resolve));
      await store.close();
    }
  });
});
