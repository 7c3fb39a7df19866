import { type RunningRedis, startRedis } from '@liveprogress/test-support';
import { Queue, Worker } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisOperationStore } from '../src/index.js';
import { OPERATION_STORE, OperationLifecycle, WebhookNotifier } from '../src/index.js';
import { LiveProgressPublisher, bridgeBullMQWorker } from '../src/publisher/index.js';
import { receiver } from './support/webhook-receiver.js';
import { type TestApp, collectProgress, request, startTestApp, until } from './support/test-app.js';

describe('the module in Redis mode', () => {
  let redis: RunningRedis;
  let app: TestApp;
  beforeAll(async () => {
    redis = await startRedis();
    app = await startTestApp({ redis: { url: redis.url, keyPrefix: 'mode:' }, coalesceIntervalMs: 10 });
  });
  afterAll(async () => {
    await app?.close();
    await redis?.stop();
  });

  it('stores operations in Redis and serves them over sockets as in memory mode', async () => {
    expect(app.app.get(OPERATION_STORE)).toBeInstanceOf(RedisOperationStore);
    const op = app.operations.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    const socket = await app.connect(app.token('u1', 't1'));
    const seen = collectProgress(socket);
    await request(socket, 'operation.subscribe', { operationId: op.id });
    op.update({ stage: 'a', progress: 30 });
    op.complete({ ok: true });
    await op.flushed();
    await until(() => seen.length === 2);
    expect(seen.map((e) => [e.event, e.seq])).toEqual([
      ['progress.updated', 1],
      ['progress.completed', 2],
    ]);
    socket.disconnect();
  });

  it('hands lifecycle hooks the snapshot after the event, read back from Redis only for events someone listens to', async () => {
    const completed: Array<{ seq: number; result: unknown; stage: string | null }> = [];
    const progress: number[] = [];
    const lifecycle = app.app.get(OperationLifecycle);
    const offCompleted = lifecycle.onStatus(
      'completed',
      (_event, snapshot) => void completed.push({ seq: snapshot.seq, result: snapshot.result, stage: snapshot.stage }),
    );
    const offProgress = lifecycle.onStatus('progress', (_event, snapshot) => void progress.push(snapshot.progress), { operationType: 'watched' });
    try {
      const watched = app.operations.start({ operationType: 'watched', userId: 'u1', tenantId: 't1' });
      watched.update({ stage: 'reading', progress: 20 });
      await watched.flushed();
      watched.complete({ rows: 3 });
      const other = app.operations.start({ operationType: 'unwatched', userId: 'u1', tenantId: 't1' });
      other.update({ stage: 'reading', progress: 50 });
      await Promise.all([watched.flushed(), other.flushed()]);
      expect(progress).toEqual([20]);
      expect(completed).toEqual([{ seq: 2, result: { rows: 3 }, stage: 'reading' }]);
      other.complete();
      await other.flushed();
      expect(completed).toHaveLength(2);
    } finally {
      offCompleted();
      offProgress();
    }
  });

  it('lets a publisher process send webhooks for its own operations, and its events reach sockets on the node', async () => {
    const hook = await receiver(() => 200);
    const notifier = new WebhookNotifier({ url: hook.url, secret: 'whsec-publisher' });
    const publisher = await LiveProgressPublisher.connect({ url: redis.url, keyPrefix: 'mode:', notifiers: [notifier] });
    try {
      const op = publisher.start({ operationType: 'export', userId: 'u1', tenantId: 't1' });
      await op.flushed();
      const socket = await app.connect(app.token('u1', 't1'));
      const seen = collectProgress(socket);
      await request(socket, 'operation.subscribe', { operationId: op.id });
      op.update({ stage: 'writing', progress: 40 });
      op.complete({ rows: 7 });
      await op.flushed();
      await until(() => seen.length === 2);
      expect(seen.map((e) => e.event)).toEqual(['progress.updated', 'progress.completed']);
      await notifier.idle();
      expect(hook.received.map((r) => JSON.parse(r.body))).toMatchObject([{ type: 'operation.completed', operationId: op.id, event: { result: { rows: 7 } } }]);
      socket.disconnect();
    } finally {
      await publisher.close();
      await hook.close();
    }
  });

  it('hands a cancel to the BullMQ job through its AbortSignal, and the operation ends cancelled, not retried', async () => {
    const connection = { host: '127.0.0.1', port: redis.port };
    const queue = new Queue('exports', { connection });
    const sawAbort: string[] = [];
    let attempts = 0;
    const worker = new Worker(
      'exports',
      async (job, _token, signal) => {
        attempts++;
        // Work that would run far longer than cancelTimeoutMs unless it listens to the signal.
        for (let i = 1; i <= 500; i++) {
          if (signal?.aborted) {
            sawAbort.push(String(signal.reason));
            throw new Error('stopped: cancelled');
          }
          await job.updateProgress(i / 10);
          await new Promise((r) => setTimeout(r, 20));
        }
        return { rows: 500 };
      },
      { connection, autorun: true },
    );
    const off = bridgeBullMQWorker(worker, {
      operations: app.operations,
      describe: (job) => ({ operationType: 'bull_export', userId: 'u1', tenantId: 't1', name: job.name }),
    });
    try {
      const job = await queue.add('big-export', {}, { attempts: 3 });
      const operationId = `bullmq:exports:${job.id}`;
      await until(async () => ((await app.operations.get(operationId))?.progress ?? 0) > 0, 'the job to report progress', 15_000);
      const socket = await app.connect(app.token('u1', 't1'));
      const startedAt = Date.now();
      expect(await request(socket, 'operation.cancel', { operationId })).toEqual({ ok: true });
      expect(Date.now() - startedAt).toBeLessThan(5000);
      expect(sawAbort).toEqual(['The operation was cancelled']);
      expect(await app.operations.get(operationId)).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' } });
      await until(async () => (await queue.getJobState(job.id as string)) === 'failed', 'the job to be failed', 5000);
      expect(attempts).toBe(1);
      socket.disconnect();
    } finally {
      off();
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });

  it('turns BullMQ jobs into live operations: progress, completion and failure', async () => {
    const connection = { host: '127.0.0.1', port: redis.port };
    const queue = new Queue('imports', { connection });
    const worker = new Worker(
      'imports',
      async (job) => {
        await job.updateProgress(25);
        await job.updateProgress({ progress: 60, stage: 'processing', message: 'rows', details: { rows: 600 } });
        if (job.data.fail) throw new Error('bad row 601');
        if (job.data.failOnce && job.attemptsMade === 0) throw new Error('transient');
        return { rows: 1000 };
      },
      { connection, autorun: true },
    );
    const off = bridgeBullMQWorker(worker, {
      operations: app.operations,
      describe: (job) => {
        const data = job.data as { userId: string; tenantId: string };
        return { operationType: 'bull_import', name: job.name, userId: data.userId, tenantId: data.tenantId };
      },
    });
    try {
      const ok = await queue.add('nightly', { userId: 'u1', tenantId: 't1' });
      const bad = await queue.add('broken', { userId: 'u1', tenantId: 't1', fail: true });
      const okId = `bullmq:imports:${ok.id}`;
      const badId = `bullmq:imports:${bad.id}`;
      const flaky = await queue.add('flaky', { userId: 'u1', tenantId: 't1', failOnce: true }, { attempts: 2 });
      const flakyId = `bullmq:imports:${flaky.id}`;
      await until(async () => (await app.operations.get(flakyId))?.status === 'completed', 'the operation to complete', 15_000);
      const flakyEvents = (await app.operations.eventsAfter(flakyId, 0)).events;
      expect(flakyEvents.filter((e) => e.event !== 'progress.updated').map((e) => e.event)).toEqual(['progress.completed']);
      await until(async () => (await app.operations.get(okId))?.status === 'completed', 'the operation to complete', 15_000);
      await until(async () => (await app.operations.get(badId))?.status === 'failed', 'the operation to fail', 15_000);
      expect(await app.operations.get(okId)).toMatchObject({
        operationType: 'bull_import',
        name: 'nightly',
        ownerId: 'u1',
        result: { rows: 1000 },
        progress: 100,
      });
      expect(await app.operations.get(badId)).toMatchObject({ progress: 60, stage: 'processing', error: { message: 'bad row 601' } });
      const replay = await app.operations.eventsAfter(okId, 0);
      expect(replay.events.map((e) => e.event)).toContain('progress.updated');
    } finally {
      off();
      await worker.close();
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
