import { Controller, Post } from '@nestjs/common';
import { MemoryOperationStore, type Notifier, type OperationNotice, StoreFullError } from '@liveprogress/core';
import { sleep } from '@liveprogress/test-support';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, describe, expect, it } from 'vitest';
import { OperationsService } from '../src/index.js';
import { type TestApp, nextEvent, request, startTestApp } from './support/test-app.js';

const PRODUCER_TOKEN = 'producer-token-for-memory-bounds-0123456789';

/** An app's own route that starts an operation, as adopters write them (no error handling of its own). */
@Controller('reports')
class ReportsController {
  constructor(private readonly operations: OperationsService) {}

  @Post()
  start() {
    const op = this.operations.start({ operationType: 'report', userId: 'u1', tenantId: 't1' });
    return { operationId: op.id };
  }
}

interface End {
  type: OperationNotice['type'];
  status: string;
  progress: number;
  result: unknown;
}

/** Records how each operation ended (only that: keeping whole notices would itself grow the heap). */
class RecordingNotifier implements Notifier {
  readonly ends = new Map<string, End[]>();
  notify(notice: OperationNotice): void {
    if (notice.type !== 'operation.completed' && notice.type !== 'operation.failed' && notice.type !== 'operation.cancelled') return;
    const list = this.ends.get(notice.operationId) ?? [];
    const { status, progress, result } = notice.snapshot;
    list.push({ type: notice.type, status, progress, result });
    this.ends.set(notice.operationId, list);
  }
}

/** A full collection, so the heap measured is what is retained, not garbage awaiting the collector. */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

const mib = (bytes: number) => bytes / 1024 / 1024;

/** The store the app opened, to read its usage (the in-memory one: no `store` option given). */
async function storeOf(app: TestApp): Promise<MemoryOperationStore> {
  const { store } = (app.operations as unknown as { coordinator: { runtime: { options: { store: unknown } } } }).coordinator.runtime.options;
  if (!(store instanceof MemoryOperationStore)) throw new Error('expected the in-memory store');
  return store;
}

describe('Bounded memory of the in-memory store (docs/operations.md, Memory bounds)', () => {
  let app: TestApp | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  it('keeps RSS bounded under a minute of churn with large events, and every operation still ends correctly', { timeout: 150_000 }, async () => {
    const notifier = new RecordingNotifier();
    app = await startTestApp({ coalesceIntervalMs: 10, memory: { maxOperations: 400, maxRetainedBytes: 16 * 1024 * 1024 }, notifiers: [notifier] });
    const { operations } = app;
    const store = await storeOf(app);

    // One operation runs through the whole churn, followed by a client: it must never be evicted.
    const socket = await app.connect(app.token('u1', 't1'));
    const marathon = operations.start({ operationType: 'marathon', userId: 'u1', tenantId: 't1' });
    await marathon.flushed();
    expect(await request(socket, 'operation.subscribe', { operationId: marathon.id, afterSeq: 0 })).toMatchObject({ ok: true });

    // A fresh 4 kB string every fifty items, as real details are: one shared string would cost nothing to retain.
    const payloadOf = (item: number) => 'x'.repeat(4_000) + item;
    const runOne = async (n: number) => {
      const op = operations.start({ operationType: 'batch', userId: 'u1', tenantId: 't1' });
      let payload = '';
      for (let item = 1; item <= 1_000; item++) {
        if (item % 50 === 1) payload = payloadOf(item);
        op.update({ progress: item / 10, message: `item ${item}`, details: { item, payload } });
        if (item % 50 === 0) await sleep(1);
      }
      op.complete({ items: 1_000, n });
      await op.flushed();
      return op.id;
    };

    collectGarbage();
    const { rss: rssBefore, heapUsed: heapBefore } = process.memoryUsage();
    let peakRss = rssBefore;
    let peakOperations = 0;
    let peakBytes = 0;
    const started: string[] = [];
    const deadline = Date.now() + 60_000;
    let n = 0;
    let marathonProgress = 0;
    // 20 operations in flight at a time, each of 1,000 items with 4 kB of details per report.
    const worker = async () => {
      while (Date.now() < deadline) {
        started.push(await runOne(++n));
        marathon.update({ progress: Math.min(99, ++marathonProgress / 20), details: { payload: payloadOf(n) } });
        const usage = store.usage();
        peakOperations = Math.max(peakOperations, usage.operations);
        peakBytes = Math.max(peakBytes, usage.retainedBytes);
        peakRss = Math.max(peakRss, process.memoryUsage().rss);
      }
    };
    await Promise.all(Array.from({ length: 20 }, worker));
    const completed = nextEvent<{ operationId: string; seq: number }>(socket, 'progress.completed', 10_000);
    marathon.complete({ laps: marathonProgress });
    await marathon.flushed();
    expect(await completed).toMatchObject({ operationId: marathon.id, result: { laps: marathonProgress } });

    collectGarbage();
    const heapGrowth = mib(process.memoryUsage().heapUsed - heapBefore);
    const rssGrowth = mib(peakRss - rssBefore);
    const usage = store.usage();
    console.log(
      `memory churn: ${started.length} operations in 60 s, ${usage.evicted} evicted; peak ${peakOperations} kept, ${mib(peakBytes).toFixed(1)} MiB estimated; ` +
        `heap after GC +${heapGrowth.toFixed(0)} MiB; RSS ${mib(rssBefore).toFixed(0)} MiB, peak +${rssGrowth.toFixed(0)} MiB`,
    );
    expect(started.length).toBeGreaterThan(100);
    expect(usage.evicted).toBeGreaterThan(0);
    expect(peakOperations).toBeLessThanOrEqual(400);
    // The running ones may hold it over the byte bound for a moment; finished ones never do.
    expect(peakBytes).toBeLessThanOrEqual(16 * 1024 * 1024 + 21 * 1_100 * 4_300);
    // What stays after a collection is about the store's bound (unbounded, the same run keeps ~180 MiB).
    expect(heapGrowth).toBeLessThan(64);
    // Generous: the peak also holds garbage not yet collected (unbounded, ~1.6 GB within a minute).
    expect(rssGrowth).toBeLessThan(300);
    // Every operation ended exactly once, completed, with its own result.
    for (const [i, id] of started.entries()) {
      const ends = notifier.ends.get(id) ?? [];
      expect(ends.map((e) => e.type)).toEqual(['operation.completed']);
      expect(ends[0]).toMatchObject({ status: 'completed', progress: 100, result: { items: 1_000 } });
      if (i === 0) expect(await operations.get(id)).toBeNull(); // the oldest finished one was evicted: gone, as if expired
    }
    expect(notifier.ends.get(marathon.id)?.map((e) => e.type)).toEqual(['operation.completed']);
  });

  it('refuses a start with STORE_FULL when running operations fill the store: start() throws, ingest and the app’s own routes answer 503, and the running ones end', async () => {
    app = await startTestApp({ coalesceIntervalMs: 10, memory: { maxOperations: 3 }, ingestTokens: [PRODUCER_TOKEN] }, { controllers: [ReportsController] });
    const { operations } = app;
    const startOne = (i: number) => operations.start({ operationType: 'import', userId: 'u1', tenantId: 't1', details: { i } });
    const running = [startOne(1), startOne(2), startOne(3)] as const;
    for (const op of running) op.update({ progress: 50 });

    let thrown: unknown;
    try {
      operations.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    } catch (err) {
      thrown = err;
    }
    expect(thrown).toBeInstanceOf(StoreFullError);
    expect(thrown).toMatchObject({ code: 'STORE_FULL', message: expect.stringContaining('maxOperations 3') });

    const res = await fetch(`${app.url}/api/v1/operations/ingest-full-1/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PRODUCER_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'start', operationType: 'import', userId: 'u1', tenantId: 't1' }),
    });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: { code: 'STORE_FULL', message: expect.stringContaining('store is full') } });
    expect(await operations.get('ingest-full-1')).toBeNull();

    // The app's own route answers the same 503, not Nest's bare 500.
    const own = await fetch(`${app.url}/reports`, { method: 'POST' });
    expect(own.status).toBe(503);
    expect(await own.json()).toEqual({ error: { code: 'STORE_FULL', message: expect.stringContaining('maxOperations 3') } });

    for (const op of running) {
      op.complete({ ok: true });
      await op.flushed();
      expect(await operations.get(op.id)).toMatchObject({ status: 'completed', progress: 100, result: { ok: true } });
    }
    // Their places are free again: the next start is taken, evicting the oldest finished one.
    const next = operations.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    await next.flushed();
    expect(await operations.get(next.id)).toMatchObject({ status: 'running' });
    expect(await operations.get(running[0].id)).toBeNull();
  });
});
