import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, request, requestRaw, sleep, startTestApp } from './support/test-app.js';

describe('malformed requests', () => {
  let app: TestApp;
  beforeAll(async () => {
    // One user connects once per malformed payload, far more often than the handshake limit allows a real client.
    app = await startTestApp({ rateLimit: { socket: { points: 1000, durationMs: 1000 }, handshake: { perUser: { points: 1000, durationMs: 1000 } } } });
  });
  afterAll(() => app.close());

  const cases: Array<[string, string, unknown[]]> = [
    ['a string payload', 'operation.subscribe', ['op-1']],
    ['a number payload', 'operation.subscribe', [42]],
    ['a null payload', 'operation.subscribe', [null]],
    ['an array payload', 'operation.subscribe', [[{ operationId: 'x' }]]],
    ['no payload at all', 'operation.subscribe', []],
    ['a missing operationId', 'operation.subscribe', [{}]],
    ['an empty operationId', 'operation.subscribe', [{ operationId: '' }]],
    ['an operationId of 129 characters', 'operation.subscribe', [{ operationId: 'x'.repeat(129) }]],
    ['a numeric operationId', 'operation.cancel', [{ operationId: 7 }]],
    ['a negative afterSeq', 'operation.subscribe', [{ operationId: 'x', afterSeq: -1 }]],
    ['a fractional afterSeq', 'operation.subscribe', [{ operationId: 'x', afterSeq: 1.5 }]],
    ['an unknown field', 'operation.unsubscribe', [{ operationId: 'x', room: 'tenant:other' }]],
    ['a list limit of 0', 'operations.list', [{ limit: 0 }]],
    ['a list limit of 101', 'operations.list', [{ limit: 101 }]],
    ['an unknown status', 'operations.list', [{ status: 'paused' }]],
    ['a refresh without token', 'auth.refresh', [{}]],
    ['two payload arguments', 'operation.subscribe', [{ operationId: 'x' }, { operationId: 'y' }]],
    ['three payload arguments', 'operations.list', [{}, 1, 'two']],
    ['a payload over 1,000,000 bytes', 'operation.subscribe', [{ operationId: 'x', padding: 'y'.repeat(1_100_000) }]],
    ['an unknown request', 'operation.destroy', [{ operationId: 'x' }]],
  ];

  for (const [what, event, args] of cases) {
    it(`answers INVALID_PAYLOAD to ${what} and keeps the connection`, async () => {
      const socket = await app.connect(app.token('u1', 't1'));
      const ack = await request(socket, event, ...args);
      expect(ack).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD', message: expect.any(String) } });
      expect(socket.connected).toBe(true);
      expect(await request(socket, 'operations.list', {})).toMatchObject({ ok: true });
      socket.disconnect();
    });
  }

  it('answers INVALID_PAYLOAD to a payload nested 100,000 levels deep and keeps the connection', async () => {
    const socket = await app.connect(app.token('u1', 't1'));
    const levels = 100_000;
    const deep = `${'{"nested":'.repeat(levels)}{"operationId":"x"}${'}'.repeat(levels)}`;
    expect(await requestRaw(socket, 'operation.subscribe', deep)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    const deepArray = `${'['.repeat(levels)}${']'.repeat(levels)}`;
    expect(await requestRaw(socket, 'operations.list', deepArray)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(socket.connected).toBe(true);
    expect(await request(socket, 'operations.list', {})).toMatchObject({ ok: true });
    socket.disconnect();
  });

  it('ignores a request without an ack and stays up', async () => {
    const socket = await app.connect(app.token('u1', 't1'));
    socket.emit('operation.subscribe', { operationId: 'x' });
    socket.emit('operation.subscribe', 'garbage');
    await sleep(50);
    expect(await request(socket, 'operations.list', {})).toMatchObject({ ok: true });
    socket.disconnect();
  });

  it('stays up for other clients while one sends garbage', async () => {
    const bad = await app.connect(app.token('u1', 't1'));
    const good = await app.connect(app.token('u2', 't1'));
    await Promise.all(cases.map(([, event, args]) => request(bad, event, ...args)));
    expect(await request(good, 'operations.list', {})).toMatchObject({ ok: true });
    bad.disconnect();
    good.disconnect();
  });
});

describe('rate limiting', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ rateLimit: { socket: { points: 20, durationMs: 1000 }, http: { points: 5, durationMs: 1000 } } });
  });
  afterAll(() => app.close());

  it('answers RATE_LIMITED to a flooding socket and serves it again once it slows down', async () => {
    const flooder = await app.connect(app.token('u1', 't1'));
    const acks = await Promise.all(Array.from({ length: 100 }, () => request(flooder, 'operations.list', {})));
    const limited = acks.filter((a) => a.ok === false && a.error.code === 'RATE_LIMITED').length;
    expect(acks.filter((a) => a.ok).length).toBeLessThanOrEqual(21);
    expect(limited).toBeGreaterThanOrEqual(79);
    const other = await app.connect(app.token('u2', 't1'));
    expect(await request(other, 'operations.list', {})).toMatchObject({ ok: true });
    await sleep(200);
    expect(await request(flooder, 'operations.list', {})).toMatchObject({ ok: true });
    flooder.disconnect();
    other.disconnect();
  });

  it('answers 429 RATE_LIMITED to a user flooding the HTTP endpoints', async () => {
    const headers = { authorization: `Bearer ${app.token('u3', 't1')}` };
    const statuses = await Promise.all(Array.from({ length: 20 }, () => fetch(`${app.url}/api/v1/operations`, { headers }).then((r) => r.status)));
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(14);
    const res = await fetch(`${app.url}/api/v1/operations`, { headers });
    if (res.status === 429) expect(await res.json()).toMatchObject({ error: { code: 'RATE_LIMITED' } });
  });
});
