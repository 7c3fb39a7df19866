import { type RunningRedis, sleep, startRedis } from '@liveprogress/test-support';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OperationEndedError, RedisOperationStore } from '../src/index.js';
import { type TestApp, collectProgress, request, startTestApp, until } from './support/test-app.js';

const PRODUCER_TOKEN = 'producer-token-for-stalled-tests-0123456789';
const STALE_AFTER_MS = 600;

describe('a silent operation in memory mode (docs/protocol.md, STALLED)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ coalesceIntervalMs: 10, staleAfterMs: STALE_AFTER_MS, ingestTokens: [PRODUCER_TOKEN] });
  });
  afterAll(() => app.close());

  it('is failed STALLED once staleAfterMs pass with nothing reported, exactly once, and its handle learns it', async () => {
    const op = app.operations.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    op.update({ stage: 'reading', progress: 30 });
    await op.flushed();
    const socket = await app.connect(app.token('u1', 't1'));
    const seen = collectProgress(socket);
    await request(socket, 'operation.subscribe', { operationId: op.id });

    await until(() => seen.some((e) => e.event === 'progress.failed'), 'the STALLED failure', 5000);
    expect(seen.at(-1)).toMatchObject({ event: 'progress.failed', status: 'failed', progress: 30, error: { code: 'STALLED' } });
    // The handle holding it stops: its signal aborts and what it reports is refused.
    expect(op.signal.aborted).toBe(true);
    expect(op.signal.reason).toBeInstanceOf(OperationEndedError);
    op.update({ progress: 90 });
    await expect(op.flushed()).rejects.toBeInstanceOf(OperationEndedError);
    // Several sweeps later there is still one terminal event.
    await sleep(STALE_AFTER_MS);
    const { events } = await app.operations.eventsAfter(op.id, 0);
    expect(events.map((e) => e.event)).toEqual(['progress.updated', 'progress.failed']);
    expect(await app.operations.get(op.id)).toMatchObject({ status: 'failed', error: { code: 'STALLED' } });
  });

  it('keeps an operation that keeps reporting running past staleAfterMs', async () => {
    const op = app.operations.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    for (let progress = 1; progress <= 8; progress++) {
      op.update({ progress });
      await op.flushed();
      await sleep(STALE_AFTER_MS / 3);
    }
    expect(await app.operations.get(op.id)).toMatchObject({ status: 'running', progress: 8 });
    op.complete();
    await op.flushed();
  });

  it('counts a producer’s explicit ingest heartbeat as a report, so a beating operation is not STALLED', async () => {
    const id = `stalled-ingest-${process.pid}`;
    const post = (event: object) =>
      fetch(`${app.url}/api/v1/operations/${id}/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${PRODUCER_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(event),
      });
    expect((await post({ type: 'start', operationType: 'import', userId: 'u1', tenantId: 't1' })).status).toBe(202);
    for (let beat = 0; beat < 6; beat++) {
      expect((await post({ type: 'heartbeat' })).status).toBe(202);
      await sleep(STALE_AFTER_MS / 3);
    }
    // Heartbeats store no event, yet the operation runs on.
    expect(await app.operations.get(id)).toMatchObject({ status: 'running', seq: 0 });
    // Once the beats stop, it is STALLED, and the producer is told to stop.
    await until(async () => (await app.operations.get(id))?.status === 'failed', 'the STALLED failure', 5000);
    expect(await app.operations.get(id)).toMatchObject({ error: { code: 'STALLED' } });
    expect((await post({ type: 'heartbeat' })).status).toBe(409);
  });
});

describe('a silent operation across two Redis nodes', () => {
  let redis: RunningRedis;
  let client: Redis;
  let nodeA: TestApp;
  let nodeB: TestApp;
  beforeAll(async () => {
    redis = await startRedis();
    client = new Redis(redis.url);
    // A short lease, so the leaked handle's process renews it many times while the operation is silent.
    const options = { redis: { url: redis.url, keyPrefix: 'stall:' }, coalesceIntervalMs: 10, staleAfterMs: STALE_AFTER_MS, producerLeaseMs: 300 };
    nodeA = await startTestApp(options);
    nodeB = await startTestApp(options);
  });
  afterAll(async () => {
    await nodeA?.close();
    await nodeB?.close();
    client?.disconnect();
    await redis?.stop();
  });

  it('is failed STALLED exactly once across the nodes, though the node holding a leaked handle keeps renewing its lease', async () => {
    // A handle nobody will ever complete: its process lives, and its heartbeat renews the lease.
    const leaked = nodeA.operations.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    leaked.update({ progress: 20 });
    await leaked.flushed();
    await until(async () => (await client.zscore('stall:leases', leaked.id)) !== null, 'the lease');
    const watchers = [await nodeA.connect(nodeA.token('u1', 't1')), await nodeB.connect(nodeB.token('u1', 't1'))];
    const seen = watchers.map((socket) => collectProgress(socket));
    for (const socket of watchers) await request(socket, 'operation.subscribe', { operationId: leaked.id });

    await until(() => seen.every((s) => s.some((e) => e.event === 'progress.failed')), 'the STALLED failure on both nodes', 8000);
    // Both nodes sweep; sweeps go on for a while: still exactly one terminal event, seen once by each subscriber.
    await sleep(STALE_AFTER_MS);
    for (const events of seen) {
      expect(events.filter((e) => e.event === 'progress.failed')).toEqual([expect.objectContaining({ error: expect.objectContaining({ code: 'STALLED' }) })]);
    }
    const stored = await nodeB.operations.eventsAfter(leaked.id, 0);
    expect(stored.events.map((e) => e.event)).toEqual(['progress.updated', 'progress.failed']);
    // The holding node let go: the handle is refused, and the heartbeat no longer keeps a lease for it.
    await expect(leaked.flushed()).rejects.toBeInstanceOf(OperationEndedError);
    expect(leaked.signal.reason).toBeInstanceOf(OperationEndedError);
    expect(nodeA.operations.handle(leaked.id)).toBeUndefined();
    await sleep(300);
    expect(await client.zscore('stall:leases', leaked.id)).toBeNull();
  });

  it('lets go of a handle at its next lease renewal when another process ended its operation, with no write of its own', async () => {
    const op = nodeA.operations.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    await op.flushed();
    // Another process (a sweep elsewhere, a cancel of an orphan) ends it straight in the store.
    const elsewhere = new RedisOperationStore({ redis: client, keyPrefix: 'stall:', maxEvents: 100, terminalRetentionMs: 60_000 });
    const failed = {
      event: 'progress.failed',
      operationId: op.id,
      operationType: 'import',
      status: 'failed',
      progress: 0,
      error: { message: 'gone', code: 'PRODUCER_LOST' },
      timestamp: Date.now(),
    } as const;
    expect(await elsewhere.append(op.id, failed)).not.toBeNull();
    // Node A writes nothing; its heartbeat (a third of the 300 ms lease) finds the operation ended.
    await until(() => op.signal.aborted, 'the handle to learn it', 3000);
    expect(op.signal.reason).toBeInstanceOf(OperationEndedError);
    await expect(op.flushed()).rejects.toBeInstanceOf(OperationEndedError);
    expect(nodeA.operations.handle(op.id)).toBeUndefined();
    expect(await client.zscore('stall:leases', op.id)).toBeNull();
  });
});
