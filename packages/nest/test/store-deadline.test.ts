import { type RunningRedis, startRedis } from '@liveprogress/test-support';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, request, startTestApp } from './support/test-app.js';

const DEADLINE_MS = 500;
const INGEST_TOKEN = 'ingest-token-for-the-deadline-test';

describe('a store that does not answer', () => {
  let redis: RunningRedis;
  let app: TestApp;
  let socket: Socket;
  beforeAll(async () => {
    redis = await startRedis();
    app = await startTestApp({
      redis: { url: redis.url, keyPrefix: 'deadline:' },
      storeTimeoutMs: DEADLINE_MS,
      coalesceIntervalMs: 50,
      ingestTokens: [INGEST_TOKEN],
    });
    socket = await app.connect(app.token('u1', 't1'));
  });
  afterAll(async () => {
    redis?.resume();
    await app?.close();
    await redis?.stop();
  });

  /** What a request answered and how long it took. */
  async function timed<T>(call: () => Promise<T>): Promise<{ answer: T; ms: number }> {
    const started = performance.now();
    const answer = await call();
    return { answer, ms: performance.now() - started };
  }

  it('answers every request into a stalled store with STORE_UNAVAILABLE within the deadline: HTTP 503 and the socket ack', async () => {
    const op = app.operations.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    await op.flushed();
    const auth = { authorization: `Bearer ${app.token('u1', 't1')}` };
    const base = `${app.url}/api/v1/operations`;
    const http = {
      list: () => fetch(base, { headers: auth }),
      snapshot: () => fetch(`${base}/${op.id}`, { headers: auth }),
      stream: () => fetch(`${base}/${op.id}/stream`, { headers: { ...auth, 'last-event-id': '0' } }),
      cancel: () => fetch(`${base}/${op.id}/cancel`, { method: 'POST', headers: auth }),
      delete: () => fetch(`${base}/${op.id}`, { method: 'DELETE', headers: auth }),
      ingest: () =>
        fetch(`${base}/${op.id}/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
          body: JSON.stringify({ type: 'update', progress: 10 }),
        }),
    };
    const acks = {
      'operations.list': {},
      'operation.subscribe': { operationId: op.id, afterSeq: 0 },
      'operation.unsubscribe': { operationId: op.id },
      'operation.cancel': { operationId: op.id },
      'operation.delete': { operationId: op.id },
    };
    redis.pause();
    const times: Record<string, number> = {};
    try {
      for (const [name, call] of Object.entries(http)) {
        const { answer: res, ms } = await timed(call);
        expect({ name, status: res.status, body: await res.json() }).toMatchObject({
          name,
          status: 503,
          body: { error: { code: 'STORE_UNAVAILABLE', message: expect.stringContaining(`${DEADLINE_MS} ms`) } },
        });
        times[`HTTP ${name}`] = ms;
      }
      for (const [event, payload] of Object.entries(acks)) {
        const { answer: ack, ms } = await timed(() => request(socket, event, payload));
        expect({ event, ack }).toMatchObject({ event, ack: { ok: false, error: { code: 'STORE_UNAVAILABLE' } } });
        times[event] = ms;
      }
    } finally {
      redis.resume();
    }
    for (const ms of Object.values(times)) {
      expect(ms).toBeGreaterThanOrEqual(DEADLINE_MS - 20);
      expect(ms).toBeLessThan(DEADLINE_MS + 1500); // at once past the deadline, not for as long as the stall
    }
    console.info(
      `answer times into a stalled store (deadline ${DEADLINE_MS} ms): ${JSON.stringify(Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(v)])))}`,
    );

    // The store is back: the same requests are answered as usual, and the operation is still running.
    const res = await http.snapshot();
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ operationId: op.id, status: 'running' });
    expect(await request(socket, 'operations.list', {})).toMatchObject({ ok: true });
    op.complete();
    await op.flushed();
  }, 30_000);

  it('keeps an operation reporting through a stall longer than the deadline, and stores its final state with contiguous seq once Redis resumes', async () => {
    const op = app.operations.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    op.update({ stage: 'reading', progress: 1 });
    await op.flushed();
    const subscribed = await request(socket, 'operation.subscribe', { operationId: op.id });
    expect(subscribed).toMatchObject({ ok: true });
    redis.pause();
    let reports = 0;
    try {
      const stallEnds = Date.now() + 2500; // five deadlines
      for (let i = 0; Date.now() < stallEnds; i++) {
        op.update({ progress: Math.min(99, 1 + i / 3), details: { rows: i } });
        reports++;
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      op.complete({ rows: reports });
    } finally {
      redis.resume();
    }
    await op.flushed();
    const { events } = await app.operations.eventsAfter(op.id, 0);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.at(-1)).toMatchObject({ event: 'progress.completed', result: { rows: reports } });
    expect(events.filter((e) => e.event !== 'progress.updated')).toHaveLength(1);
    expect(events.filter((e) => e.event === 'progress.updated').at(-1)).toMatchObject({ details: { rows: reports - 1 } });
    expect(reports).toBeGreaterThan(100);
    expect(events.length).toBeLessThanOrEqual(8); // coalesced while the store was away, not one per interval (about 50)
  }, 30_000);
});
