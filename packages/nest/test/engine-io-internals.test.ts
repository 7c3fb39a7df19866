import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Socket as ServerSocket } from 'socket.io';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINE_IO_INTERNALS_VERSION, internalsOf, outboundBacklog } from '../src/gateway/engine-io-internals.js';
import { type TestApp, startTestApp, until } from './support/test-app.js';

// engine.io is socket.io's dependency, so resolve it from there.
const requireFromSocketIo = createRequire(createRequire(import.meta.url).resolve('socket.io'));
// Its exports map hides package.json, so read the file beside its entry point.
const engineEntry = requireFromSocketIo.resolve('engine.io');
const installed = (
  JSON.parse(readFileSync(`${engineEntry.slice(0, engineEntry.lastIndexOf('/engine.io/'))}/engine.io/package.json`, 'utf8')) as { version: string }
).version;
const changed = `src/gateway/engine-io-internals.ts reads engine.io ${ENGINE_IO_INTERNALS_VERSION}'s internals, and ${installed} is installed`;

describe('the engine.io internals the slow-consumer monitor reads', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('were read from the installed engine.io', () => {
    expect(installed, `${changed}: check them, then update ENGINE_IO_INTERNALS_VERSION`).toBe(ENGINE_IO_INTERNALS_VERSION);
  });

  it('still have the shapes it relies on, on a live WebSocket connection', async () => {
    const client = await app.connect(app.token('u1', 't1'), { transports: ['websocket'] });
    try {
      let server: ServerSocket | undefined;
      await until(() => (server = app.sockets.attached!.of('/').sockets.get(client.id!)) !== undefined);
      const internals = internalsOf(server!);
      expect(Array.isArray(internals.writeBuffer), `writeBuffer is no longer an array: ${changed}`).toBe(true);
      expect(typeof internals.bufferedAmount, `transport.socket.bufferedAmount is gone: ${changed}`).toBe('number');
      expect(typeof internals.close, `conn.close is gone: ${changed}`).toBe('function');
      expect(typeof internals.terminate, `transport.socket.terminate is gone: ${changed}`).toBe('function');
      expect(outboundBacklog(server!)).toEqual({ packets: 0, bytes: 0 });
    } finally {
      client.disconnect();
    }
  });
});
