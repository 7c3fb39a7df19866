import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, collectProgress, request, sleep, startTestApp, until } from './support/test-app.js';

describe('a client that stops reading', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      coalesceIntervalMs: 1,
      slowConsumer: { maxBufferedBytes: 1_000_000, maxBufferedPackets: 1000, checkIntervalMs: 50 },
    });
  });
  afterAll(() => app.close());

  it('is disconnected before its backlog grows without bound, while another client keeps up', async () => {
    const op = app.operations.start({ operationType: 'flood', userId: 'u1', tenantId: 't1' });
    const stalled = await app.connect(app.token('u1', 't1'));
    const healthy = await app.connect(app.token('u1', 't1'));
    await request(stalled, 'operation.subscribe', { operationId: op.id });
    await request(healthy, 'operation.subscribe', { operationId: op.id });
    const received = collectProgress(healthy);
    const stalledId = stalled.id!;
    // Stop reading at the TCP level: the kernel buffers fill, then the server's.
    const transport = (stalled.io as unknown as { engine: { transport: { ws: { _socket: { pause: () => void } } } } }).engine.transport;
    transport.ws._socket.pause();
    const serverSockets = () => app.sockets.attached!.of('/').sockets;
    const blob = 'x'.repeat(64 * 1024);
    let sent = 0;
    const lags: number[] = [];
    for (let round = 0; round < 400 && serverSockets().has(stalledId); round++) {
      op.update({ stage: `s${round % 2}`, progress: Math.min(99, round / 4), details: { blob, round } });
      sent++;
      await sleep(2);
      const newest = received.at(-1);
      if (newest) lags.push(sent - (newest as unknown as { seq: number }).seq);
    }
    expect(serverSockets().has(stalledId)).toBe(false);
    expect(serverSockets().has(healthy.id!)).toBe(true);
    // The healthy client got every event, in order, with no gap.
    await op.flushed();
    const stored = (await app.operations.get(op.id))!.seq;
    await until(() => received.length === stored);
    expect(received.map((e) => e.seq)).toEqual(received.map((_, i) => i + 1));
    console.log(`slow consumer: dropped after ${sent} events of 64 KiB; healthy client lag at most ${Math.max(...lags)} events`);
    healthy.disconnect();
    stalled.disconnect();
  });
});
