import { type EventInput, HTTP_STATUS_BY_CODE } from '@liveprogress/protocol';
import { makeSnapshot } from '@liveprogress/test-support';
import { describe, expect, it } from 'vitest';
import { MemoryOperationStore, StoreFullError } from '../src/index.js';

/** A progress event carrying `size` characters of details, as a batch reporting its items does. */
const bigUpdate = (operationId: string, progress: number, size: number): EventInput => ({
  event: 'progress.updated',
  operationId,
  operationType: 'import',
  status: 'running',
  stage: 'processing',
  progress,
  message: `item ${progress}`,
  details: { items: 'x'.repeat(size) },
  timestamp: Date.now(),
  estimatedCompletion: null,
});

const completed = (operationId: string): EventInput => ({
  event: 'progress.completed',
  operationId,
  operationType: 'import',
  status: 'completed',
  progress: 100,
  result: { ok: true },
  timestamp: Date.now(),
});

const boundedStore = (maxOperations: number, maxRetainedBytes: number) =>
  new MemoryOperationStore({ maxEvents: 50, terminalRetentionMs: 24 * 3_600_000, maxOperations, maxRetainedBytes });

describe('MemoryOperationStore bounds', () => {
  it('keeps its count and bytes under the bounds while many operations with large events churn through it', async () => {
    const store = boundedStore(100, 4_000_000);
    let peakOperations = 0;
    let peakBytes = 0;
    for (let i = 0; i < 2_000; i++) {
      const s = makeSnapshot();
      await store.create(s);
      for (let p = 1; p <= 20; p++) await store.append(s.operationId, bigUpdate(s.operationId, p * 5, 2_000));
      await store.append(s.operationId, completed(s.operationId));
      const usage = store.usage();
      peakOperations = Math.max(peakOperations, usage.operations);
      peakBytes = Math.max(peakBytes, usage.retainedBytes);
    }
    // 2,000 operations of ~44 kB each would be ~88 MB unbounded.
    expect(peakOperations).toBeLessThanOrEqual(100);
    expect(peakBytes).toBeLessThanOrEqual(4_000_000);
    expect(store.usage().evicted).toBeGreaterThan(1_800);
    await store.close();
  });

  it('evicts finished operations oldest-first, and an evicted one answers like an expired one', async () => {
    const store = boundedStore(3, Number.MAX_SAFE_INTEGER);
    const [a, b, c, d] = [makeSnapshot(), makeSnapshot(), makeSnapshot(), makeSnapshot()];
    for (const s of [a, b, c]) await store.create(s);
    // They finish in the order b, a, c: b is the oldest finished one.
    for (const s of [b, a, c]) await store.append(s.operationId, completed(s.operationId));
    await store.create(d);
    expect(await store.get(b.operationId)).toBeNull();
    expect(await store.eventsAfter(b.operationId, 0)).toEqual({ events: [], recovered: false });
    expect(await store.list({ tenantId: b.tenantId, limit: 10 })).not.toContainEqual(expect.objectContaining({ operationId: b.operationId }));
    expect((await store.get(a.operationId))?.status).toBe('completed');
    await store.create(makeSnapshot());
    expect(await store.get(a.operationId)).toBeNull();
    expect((await store.get(c.operationId))?.status).toBe('completed');
    expect(store.usage()).toMatchObject({ operations: 3, evicted: 2 });
  });

  it('never evicts a running operation, even when running ones alone exceed the byte bound', async () => {
    const store = boundedStore(10, 300_000);
    const running = [makeSnapshot(), makeSnapshot(), makeSnapshot()];
    for (const s of running) await store.create(s);
    const done = makeSnapshot();
    await store.create(done);
    await store.append(done.operationId, completed(done.operationId));
    // Three running operations of ~150 kB each: over the bound; only the finished one can go.
    for (let p = 1; p <= 15; p++) {
      for (const s of running) await store.append(s.operationId, bigUpdate(s.operationId, p, 10_000));
    }
    expect(store.usage().retainedBytes).toBeGreaterThan(300_000);
    expect(await store.get(done.operationId)).toBeNull();
    for (const s of running) {
      expect((await store.get(s.operationId))?.seq).toBe(15);
      expect((await store.eventsAfter(s.operationId, 0)).events).toHaveLength(15);
    }
  });

  it('refuses a create with STORE_FULL (HTTP 503) when running operations fill it, and loses nothing running', async () => {
    const store = boundedStore(3, Number.MAX_SAFE_INTEGER);
    const [first, ...others] = [makeSnapshot(), makeSnapshot(), makeSnapshot()];
    const running = [first, ...others];
    for (const s of running) await store.create(s);
    const refused = makeSnapshot();
    const error = await store.create(refused).catch((err: unknown) => err);
    expect(error).toBeInstanceOf(StoreFullError);
    expect(error).toMatchObject({ code: 'STORE_FULL', message: expect.stringContaining('maxOperations 3') });
    expect(HTTP_STATUS_BY_CODE.STORE_FULL).toBe(503);
    expect(await store.get(refused.operationId)).toBeNull();
    for (const s of running) expect((await store.get(s.operationId))?.status).toBe('running');

    // One ends: its place goes to the next start.
    await store.append(first.operationId, completed(first.operationId));
    expect(await store.create(refused)).toBe(true);
    expect(await store.get(first.operationId)).toBeNull();
  });

  it('refuses a create by the byte bound when the running operations hold it all', async () => {
    const store = boundedStore(100, 100_000);
    const s = makeSnapshot();
    await store.create(s);
    for (let p = 1; p <= 10; p++) await store.append(s.operationId, bigUpdate(s.operationId, p, 10_000));
    expect(() => store.createNow(makeSnapshot())).toThrow(/maxRetainedBytes 100000/);
  });

  it('gives back the bytes of events trimmed by maxEvents, deleted and expired operations', async () => {
    const store = boundedStore(100, Number.MAX_SAFE_INTEGER);
    const s = makeSnapshot();
    await store.create(s);
    const empty = store.usage().retainedBytes;
    for (let p = 1; p <= 500; p++) await store.append(s.operationId, bigUpdate(s.operationId, p % 100, 1_000));
    // 50 events kept (and up to 10% more before a trim), each ~1.3 kB, plus the snapshot's copy.
    expect(store.usage().retainedBytes).toBeLessThan(empty + 60 * 1_400);
    await store.append(s.operationId, completed(s.operationId));
    await store.delete(s.operationId);
    expect(store.usage()).toEqual({ operations: 0, running: 0, retainedBytes: 0, evicted: 0 });
    const t = makeSnapshot();
    await store.create(t);
    await store.append(t.operationId, completed(t.operationId));
    await store.expire(Date.now() + 25 * 3_600_000);
    expect(store.usage().retainedBytes).toBe(0);
  });
});
