import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NoopOperation, currentOperation, runWithOperation } from '../src/index.js';
import { AuditModule, AuditTrail } from './support/lifecycle.fixture.js';
import { type TestApp, collectProgress, request, sleep, startTestApp, until } from './support/test-app.js';

describe('the progress model', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ coalesceIntervalMs: 10, cancelTimeoutMs: 300 }, { imports: [AuditModule] });
  });
  afterAll(() => app.close());

  const start = (extra: Record<string, unknown> = {}) => app.operations.start({ operationType: 'upload', userId: 'u1', tenantId: 't1', ...extra });

  describe('sub-tasks', () => {
    it('derives progress from weighted tasks and counts completed ones', async () => {
      const op = start();
      const big = op.task('big.bin', 'big.bin', { weight: 3 });
      const small = op.task('small.txt', 'small.txt');
      big.update(50);
      small.complete({ path: 'uploads/small.txt' });
      await op.flushed();
      const snapshot = (await app.operations.get(op.id))!;
      expect(snapshot.progress).toBeCloseTo((50 * 3 + 100) / 4);
      expect(snapshot).toMatchObject({ completedTasks: 1, totalTasks: 2 });
      expect(snapshot.tasks![1]).toMatchObject({
        id: 'small.txt',
        status: 'completed',
        progress: 100,
        output: { path: 'uploads/small.txt' },
        finishedAt: expect.any(Number),
      });
      expect(snapshot.tasks![0]).toMatchObject({ status: 'running', weight: 3, startedAt: expect.any(Number), finishedAt: null });
      op.complete();
    });

    it('lets explicit progress take over from the tasks', async () => {
      const op = start();
      op.task('a').update(80);
      op.update({ progress: 10 });
      op.task('a').complete();
      await op.flushed();
      expect((await app.operations.get(op.id))!.progress).toBe(80);
      op.task('b').update(10);
      await op.flushed();
      expect((await app.operations.get(op.id))!.progress).toBe(80);
      op.complete();
    });

    it('completes with the list of failed tasks by default', async () => {
      const op = start();
      op.task('ok').complete();
      op.task('bad').fail(new Error('checksum mismatch'));
      op.complete({ stored: 1 });
      await op.flushed();
      const snapshot = (await app.operations.get(op.id))!;
      expect(snapshot).toMatchObject({ status: 'completed', failedTasks: ['bad'], completedTasks: 1, totalTasks: 2 });
      expect(snapshot.tasks![1]).toMatchObject({ status: 'failed', error: { message: 'checksum mismatch' } });
    });

    it('fails the operation on the first failed task when asked to, and the terminal event shows the tasks', async () => {
      const op = start({ taskFailure: 'fail-operation' });
      const socket = await app.connect(app.token('u1', 't1'));
      const seen = collectProgress(socket);
      await request(socket, 'operation.subscribe', { operationId: op.id });
      op.task('one').complete();
      op.task('two', 'two.csv').fail('unreadable');
      await op.flushed();
      expect(op.isFinished).toBe(true);
      expect(await app.operations.get(op.id)).toMatchObject({ status: 'failed', error: { code: 'TASK_FAILED', details: { taskId: 'two' } } });
      await until(() => seen.some((e) => e.event === 'progress.failed'));
      expect(seen.at(-1)).toMatchObject({
        totalTasks: 2,
        completedTasks: 1,
        tasks: [
          { id: 'one', status: 'completed' },
          { id: 'two', status: 'failed' },
        ],
      });
      socket.disconnect();
    });

    it('keeps the tasks of an operation another process takes over', async () => {
      const op = start();
      op.task('a').complete();
      op.task('b').update(40);
      await op.flushed();
      const snapshot = (await app.operations.get(op.id))!;
      const { OperationRuntime } = await import('@liveprogress/core');
      const written: unknown[] = [];
      const other = new OperationRuntime({
        store: app.app.get((await import('../src/index.js')).OPERATION_STORE),
        coalesceIntervalMs: 1,
        deliver: (appended) => void written.push(appended.event),
        waitForSubscriber: async () => false,
        logger: { error: () => undefined, warn: () => undefined },
      });
      const adopted = other.adopt(snapshot);
      adopted.task('b').complete();
      await adopted.flushed();
      expect((await app.operations.get(op.id))!.tasks).toMatchObject([
        { id: 'a', status: 'completed' },
        { id: 'b', status: 'completed' },
      ]);
      op.complete();
      await op.flushed();
      // The operation ended in the first process: the store refuses the second one's next write, and its handle learns it.
      adopted.update({ message: 'still here?' });
      await expect(adopted.flushed()).rejects.toMatchObject({ name: 'OperationEndedError', code: 'OPERATION_ENDED', operationId: op.id });
      expect(adopted.endedElsewhere).toBe(true);
      expect((await app.operations.get(op.id))!.status).toBe('completed');
    });

    it('refuses bad stages before anything is stored', async () => {
      const operationId = `bad-stages-${Date.now()}`;
      expect(() => start({ operationId, stages: [{ id: 's', name: 'S', order: 1, range: [50, 10] }] })).toThrow(/range/);
      expect(await app.operations.get(operationId)).toBeNull();
    });
  });

  describe('stage weighting', () => {
    const stages = [
      { id: 'upload', name: 'Upload', order: 1, range: [0, 10] as [number, number] },
      { id: 'scan', name: 'Scan', order: 2 },
      { id: 'processing', name: 'Processing', order: 3, range: [40, 80] as [number, number] },
      { id: 'storing', name: 'Storing', order: 4, weight: 1 },
    ];

    it('maps progress within a stage onto its share of the bar and says which step it is', async () => {
      const op = start({ stages });
      const socket = await app.connect(app.token('u1', 't1'));
      const seen = collectProgress(socket);
      await request(socket, 'operation.subscribe', { operationId: op.id });
      op.stage('upload').update(100);
      op.stage('scan').update(50);
      op.stage('processing').update(50);
      op.stage('storing').update(50, 'writing');
      op.complete();
      await op.flushed();
      await until(() => seen.length === 5);
      expect(seen.slice(0, 4).map((e) => [e.stage, e.progress, e.step, e.totalSteps])).toEqual([
        ['upload', 10, 1, 4],
        ['scan', 25, 2, 4],
        ['processing', 60, 3, 4],
        ['storing', 90, 4, 4],
      ]);
      const snapshot = (await app.operations.get(op.id))!;
      expect(snapshot.stages).toEqual([
        { id: 'upload', name: 'Upload', order: 1 },
        { id: 'scan', name: 'Scan', order: 2 },
        { id: 'processing', name: 'Processing', order: 3 },
        { id: 'storing', name: 'Storing', order: 4 },
      ]);
      socket.disconnect();
    });

    it('refuses a stage it was not given', () => {
      const op = start({ stages });
      expect(() => op.stage('nope')).toThrow(/not one of the stages/);
      op.complete();
    });
  });

  describe('context injection', () => {
    it('gives code below runWithOperation the operation, and a silent no-op elsewhere', async () => {
      const op = start();
      const deepLibraryCode = async () => {
        await sleep(1);
        currentOperation().update({ progress: 42, message: 'from deep below' });
      };
      await runWithOperation(op, () => deepLibraryCode());
      await op.flushed();
      expect(await app.operations.get(op.id)).toMatchObject({ progress: 42, message: 'from deep below' });
      const outside = currentOperation();
      expect(outside).toBeInstanceOf(NoopOperation);
      expect(() => {
        outside.update({ progress: 10 });
        outside.task('x').complete();
        outside.stage('y').update(5);
        outside.complete();
        outside.fail(new Error('x'));
      }).not.toThrow();
      expect(await outside.waitForSubscriber()).toBe(false);
      expect(app.operations.run(op, () => app.operations.current())).toBe(op);
      op.complete();
    });
  });

  describe('waiting for a subscriber', () => {
    it('resolves true once a client subscribes', async () => {
      const op = start();
      const waiting = op.waitForSubscriber({ timeoutMs: 5000 });
      await sleep(50);
      const socket = await app.connect(app.token('u1', 't1'));
      await request(socket, 'operation.subscribe', { operationId: op.id });
      expect(await waiting).toBe(true);
      expect(await op.waitForSubscriber({ timeoutMs: 10 })).toBe(true);
      socket.disconnect();
      op.complete();
    });

    it('resolves false when nobody comes in time', async () => {
      const op = start();
      const startedAt = Date.now();
      expect(await op.waitForSubscriber({ timeoutMs: 100 })).toBe(false);
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(90);
      op.complete();
    });
  });

  describe('lifecycle hooks', () => {
    it('calls decorated provider methods by status and type, and a throwing hook breaks nothing', async () => {
      const audit = app.app.get(AuditTrail);
      const socket = await app.connect(app.token('u1', 't1'));
      const report = app.operations.start({ operationType: 'report', userId: 'u1', tenantId: 't1' });
      const seen = collectProgress(socket);
      await request(socket, 'operation.subscribe', { operationId: report.id });
      report.update({ progress: 50 });
      report.complete();
      const failing = start();
      failing.fail('nope');
      await Promise.all([report.flushed(), failing.flushed()]);
      await until(() => seen.length === 2);
      expect(audit.seen).toEqual(expect.arrayContaining(['progress:1', 'completed:report:completed', `report-completed:${report.id}`, 'failed:upload']));
      // The hook filtered to `report` heard no other type.
      expect(audit.seen.filter((s) => s.startsWith('report-completed:'))).toEqual([`report-completed:${report.id}`]);
      socket.disconnect();
    });

    it('calls programmatic onStatus handlers until they are turned off', async () => {
      const { OperationLifecycle } = await import('../src/index.js');
      const lifecycle = app.app.get(OperationLifecycle);
      const calls: string[] = [];
      const off = lifecycle.onStatus('completed', (event) => void calls.push(event.operationId), { operationType: 'upload' });
      const first = start();
      first.complete();
      await first.flushed();
      off();
      const second = start();
      second.complete();
      await second.flushed();
      expect(calls).toEqual([first.id]);
    });
  });

  describe('delivery with the in-memory store', () => {
    it('stores and delivers an event before update() returns, as a bare emit does', async () => {
      const { OperationLifecycle } = await import('../src/index.js');
      const lifecycle = app.app.get(OperationLifecycle);
      const heard: number[] = [];
      const off = lifecycle.onStatus('progress', (_event, snapshot) => void heard.push(snapshot.seq), { operationType: 'immediate' });
      try {
        const op = start({ operationType: 'immediate' });
        await op.flushed();
        op.update({ progress: 30 });
        expect(heard).toEqual([1]);
        const read = app.operations.get(op.id);
        op.update({ progress: 40 }); // inside the coalescing interval: merged, stored later
        expect((await read)?.seq).toBe(1);
        expect(heard).toEqual([1]);
        await op.flushed();
        expect(heard).toEqual([1, 2]);
        op.complete();
      } finally {
        off();
      }
    });

    it('keeps call order when a hook reports on its own operation while its event is delivered', async () => {
      const { OperationLifecycle } = await import('../src/index.js');
      const lifecycle = app.app.get(OperationLifecycle);
      const op = start({ operationType: 'reentrant' });
      await op.flushed();
      const socket = await app.connect(app.token('u1', 't1'));
      const seen = collectProgress(socket);
      await request(socket, 'operation.subscribe', { operationId: op.id });
      const order: string[] = [];
      const offProgress = lifecycle.onStatus(
        'progress',
        (event) => {
          order.push(`progress ${event.seq}`);
          op.complete({ early: true });
          order.push('completed asked');
        },
        { operationType: 'reentrant' },
      );
      const offCompleted = lifecycle.onStatus('completed', (event) => void order.push(`completed ${event.seq}`), { operationType: 'reentrant' });
      try {
        op.update({ progress: 50 });
        await until(() => order.length === 3);
        expect(order).toEqual(['progress 1', 'completed asked', 'completed 2']);
        await until(() => seen.length === 2);
        expect(seen.map((e) => [e.event, e.seq])).toEqual([
          ['progress.updated', 1],
          ['progress.completed', 2],
        ]);
      } finally {
        offProgress();
        offCompleted();
        socket.disconnect();
      }
    });
  });

  describe('cancellation', () => {
    it('ends as cancelled when the work stops on its signal', async () => {
      const op = start();
      const work = (async () => {
        try {
          await new Promise((_, reject) => op.signal.addEventListener('abort', () => reject(op.signal.reason)));
        } catch (error) {
          op.fail(error);
        }
      })();
      const socket = await app.connect(app.token('u1', 't1'));
      expect(await request(socket, 'operation.cancel', { operationId: op.id })).toEqual({ ok: true });
      await work;
      expect(await app.operations.get(op.id)).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' } });
      expect(app.app.get(AuditTrail).seen).toContain('cancelled:upload');
      socket.disconnect();
    });

    it('reports work that ignores the signal as not cancellable within the timeout, and it keeps running', async () => {
      const op = start();
      const socket = await app.connect(app.token('u1', 't1'));
      const startedAt = Date.now();
      const ack = await request(socket, 'operation.cancel', { operationId: op.id });
      expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_CANCELLABLE', message: expect.stringContaining('did not stop') } });
      expect(Date.now() - startedAt).toBeGreaterThanOrEqual(250);
      expect(op.signal.aborted).toBe(true);
      expect((await app.operations.get(op.id))!.status).toBe('running');
      const res = await fetch(`${app.url}/api/v1/operations/${op.id}/cancel`, {
        method: 'POST',
        headers: { authorization: `Bearer ${app.token('u1', 't1')}` },
      });
      expect(res.status).toBe(409);
      // When it finally ends, it ends as cancelled: the cancel was asked for.
      op.complete();
      await op.flushed();
      expect((await app.operations.get(op.id))!.status).toBe('cancelled');
      socket.disconnect();
    });
  });
});
