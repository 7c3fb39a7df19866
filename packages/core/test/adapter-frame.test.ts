import { createRequire } from 'node:module';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeSnapshot } from '@liveprogress/test-support';
import { Server } from 'socket.io';
import { io } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { ADAPTER_FORMAT_VERSION } from '../src/redis/adapter-frame.js';
import { RedisOperationStore } from '../src/redis/redis-operation.store.js';
import { useRedis } from './support/use-redis.js';

const installed = (createRequire(import.meta.url)('@socket.io/redis-streams-adapter/package.json') as { version: string }).version;
const formatChanged = `the room broadcast that src/redis/adapter-frame.ts writes was read from @socket.io/redis-streams-adapter ${ADAPTER_FORMAT_VERSION}, and ${installed} is installed`;

describe('the adapter frame the append script writes', () => {
  const redis = useRedis();

  it('was written for the installed version of the Socket.IO streams adapter', () => {
    expect(installed, `${formatChanged}: check the adapter's frame format, then update ADAPTER_FORMAT_VERSION`).toBe(ADAPTER_FORMAT_VERSION);
  });

  it('reaches a socket in the operation room through a real adapter, once, with the stored payload', async () => {
    const store = new RedisOperationStore({ redis: redis.client, keyPrefix: 'frame:', maxEvents: 100, terminalRetentionMs: 60_000, broadcast: true });
    const http = createServer();
    const server = new Server(http);
    server.adapter(await store.socketAdapter());
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const snapshot = makeSnapshot({ operationId: 'frame-op' });
    server.on('connection', (socket) => void socket.join(`op:${snapshot.operationId}`));
    const socket = io(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, { transports: ['websocket'] });
    try {
      const received: unknown[] = [];
      socket.on('progress.updated', (payload: unknown) => received.push(payload));
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      await new Promise((resolve) => setTimeout(resolve, 100)); // the room join is asynchronous
      expect(await store.create(snapshot)).toBe(true);
      const appended = await store.append(snapshot.operationId, {
        event: 'progress.updated',
        operationId: snapshot.operationId,
        operationType: snapshot.operationType,
        status: 'running',
        stage: null,
        progress: 42,
        message: 'frame',
        details: null,
        timestamp: Date.now(),
        estimatedCompletion: null,
      });
      expect(appended && 'broadcast' in appended ? appended.broadcast : undefined).toBe(true);
      const deadline = Date.now() + 5000;
      while (received.length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 200)); // a second copy would arrive by now
      expect(received, `no socket got the event: ${formatChanged}`).toHaveLength(1);
      expect(received[0], `the event arrived changed: ${formatChanged}`).toMatchObject({
        operationId: snapshot.operationId,
        progress: 42,
        message: 'frame',
        seq: 1,
      });
    } finally {
      socket.disconnect();
      server.disconnectSockets(true);
      await server.of('/').adapter.close();
      server.engine.close();
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
