import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server, type ServerOptions } from 'socket.io';
import { io, type Socket as ClientSocket } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { EncodedPayload, acceptEncodedPayloads } from '../src/coordination/encoded-payload.js';
import type { LiveServer } from '../src/coordination/live-server.js';
import { RoomWriter } from '../src/coordination/room-writer.js';

const payloadJson = JSON.stringify({ operationId: 'op-1', progress: 42.5, message: 'naïve 😀', seq: 3 });
const cleanups: Array<() => Promise<unknown>> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A Socket.IO server on a free loopback port whose sockets join `room` as they connect. */
async function serverWithRoom(room: string, options: Partial<ServerOptions> = {}): Promise<{ server: LiveServer; url: string }> {
  const http = createServer();
  const server = new Server(http, options) as LiveServer;
  acceptEncodedPayloads(server);
  server.on('connection', (socket) => void socket.join(room));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.disconnectSockets(true);
    server.engine.close();
    await new Promise((resolve) => http.close(resolve));
  });
  return { server, url: `http://127.0.0.1:${(http.address() as AddressInfo).port}` };
}

async function connected(url: string): Promise<ClientSocket> {
  const socket = io(url, { transports: ['websocket'], reconnection: false });
  cleanups.push(async () => socket.disconnect());
  await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return socket;
}

/** Until `server` has `count` members in `room` (joins are asynchronous). */
async function members(server: LiveServer, room: string, count: number): Promise<void> {
  const deadline = Date.now() + 5000;
  while ((server.sockets.adapter.rooms.get(room)?.size ?? 0) < count) {
    if (Date.now() > deadline) throw new Error(`${room} never had ${count} members`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function nextEvent(socket: ClientSocket, name: string): Promise<unknown> {
  return new Promise((resolve) => socket.once(name, resolve));
}

describe('RoomWriter', () => {
  it("writes an event to every member of the room and no one else, the frame byte for byte Socket.IO's own", async () => {
    const { server, url } = await serverWithRoom('op:1');
    const [a, b] = [await connected(url), await connected(url)];
    await members(server, 'op:1', 2);
    const outsider = io(url, { transports: ['websocket'], reconnection: false, autoConnect: false });
    cleanups.push(async () => outsider.disconnect());
    const frames: string[] = [];
    a.io.engine.on('packet', (packet: { type: string; data?: unknown }) => {
      if (packet.type === 'message' && typeof packet.data === 'string') frames.push(packet.data);
    });
    const writer = new RoomWriter(server);
    const received = Promise.all([nextEvent(a, 'progress.updated'), nextEvent(b, 'progress.updated')]);
    expect(writer.write('op:1', 'progress.updated', payloadJson)).toBe(true);
    expect(await received).toEqual([JSON.parse(payloadJson), JSON.parse(payloadJson)]);
    // The same event through Socket.IO's broadcast, as an object: the same bytes.
    const again = nextEvent(a, 'progress.updated');
    server.to('op:1').emit('progress.updated', JSON.parse(payloadJson));
    await again;
    expect(frames).toHaveLength(2);
    expect(frames[0]).toBe(frames[1]);
    // A room with no members is written to nobody, and that is no failure.
    expect(writer.write('op:none', 'progress.updated', payloadJson)).toBe(true);
  });

  it("tells a socket's outgoing listeners, as a broadcast does", async () => {
    const { server, url } = await serverWithRoom('op:2');
    const heard: unknown[][] = [];
    server.on('connection', (socket) => socket.onAnyOutgoing((...args: unknown[]) => heard.push(args)));
    const client = await connected(url);
    await members(server, 'op:2', 1);
    const received = nextEvent(client, 'progress.updated');
    expect(new RoomWriter(server).write('op:2', 'progress.updated', payloadJson)).toBe(true);
    await received;
    expect(heard).toHaveLength(1);
    const [name, payload] = heard[0] ?? [];
    expect(name).toBe('progress.updated');
    expect(payload).toBeInstanceOf(EncodedPayload);
    expect((payload as EncodedPayload).json).toBe(payloadJson);
  });

  it("leaves the room to Socket.IO's broadcast when the adapter is not the plain in-memory one (connection state recovery keeps what it sends)", async () => {
    const { server, url } = await serverWithRoom('op:3', { connectionStateRecovery: {} });
    const client = await connected(url);
    await members(server, 'op:3', 1);
    expect(new RoomWriter(server).write('op:3', 'progress.updated', payloadJson)).toBe(false);
    const received = nextEvent(client, 'progress.updated');
    server.to('op:3').emit('progress.updated', new EncodedPayload(payloadJson) as never);
    expect(await received).toEqual(JSON.parse(payloadJson));
  });

  it('is judged again when the server is given another adapter', async () => {
    const { server, url } = await serverWithRoom('op:4');
    await connected(url);
    await members(server, 'op:4', 1);
    const writer = new RoomWriter(server);
    expect(writer.write('op:4', 'progress.updated', payloadJson)).toBe(true);
    class CountingAdapter extends (server.sockets.adapter.constructor as new (nsp: unknown) => object) {}
    server.adapter(CountingAdapter as never);
    expect(writer.write('op:4', 'progress.updated', payloadJson)).toBe(false);
  });
});
