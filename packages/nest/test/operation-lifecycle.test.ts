import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, collectProgress, request, sleep, startTestApp, until } from './support/test-app.js';

describe('an operation followed over Socket.IO', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ coalesceIntervalMs: 20 });
  });
  afterAll(() => app.close());

  const start = (userId = 'u1', tenantId = 't1') => app.operations.start({ operationType: 'data_import', name: 'Import', userId, tenantId });

  it('delivers contiguous seq, non-decreasing progress and exactly one terminal event', async () => {
    const op = start();
    const socket = await app.connect(app.token('u1', 't1'));
    const seen = collectProgress(socket);
    const ack = await request(socket, 'operation.subscribe', { operationId: op.id });
    expect(ack).toMatchObject({ ok: true, recovered: true, events: [] });
    expect(ack.snapshot).toMatchObject({ operationId: op.id, operationType: 'data_import', name: 'Import', status: 'running', ownerId: 'u1', seq: 0 });
    for (let i = 1; i <= 40; i++) {
      op.update({ progress: i * 2.5, stage: i < 20 ? 'validation' : 'processing', message: `step ${i}` });
      if (i === 30) op.update({ progress: 10 }); // an attempt to go back is ignored
      await sleep(3);
    }
    op.complete({ imported: 40 });
    op.complete({ imported: 41 });
    op.fail(new Error('too late'));
    op.update({ progress: 100, message: 'after the end' });
    await op.flushed();
    await until(() => seen.some((e) => e.event !== 'progress.updated'));
    await sleep(100);
    expect(seen.map((e) => e.seq)).toEqual(seen.map((_, i) => i + 1));
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.progress).toBeGreaterThanOrEqual(seen[i - 1]!.progress);
    const terminal = seen.filter((e) => e.event !== 'progress.updated');
    expect(terminal).toHaveLength(1);
    expect(seen.at(-1)).toMatchObject({ event: 'progress.completed', status: 'completed', progress: 100, result: { imported: 40 } });
    socket.disconnect();
  });

  it('flushes a stage change at once and in order, after what came before it', async () => {
    const op = start();
    const socket = await app.connect(app.token('u1', 't1'));
    const seen = collectProgress(socket);
    await request(socket, 'operation.subscribe', { operationId: op.id });
    op.update({ stage: 'validation', progress: 5 });
    op.update({ progress: 10 });
    op.update({ progress: 12 });
    op.update({ stage: 'processing', progress: 20 });
    op.update({ stage: 'storing', progress: 80 });
    op.complete();
    await op.flushed();
    await until(() => seen.some((e) => e.event === 'progress.completed'));
    expect(seen.map((e) => [e.stage ?? null, e.progress])).toEqual([
      ['validation', 5],
      ['validation', 12],
      ['processing', 20],
      ['storing', 80],
      [null, 100],
    ]);
    socket.disconnect();
  });

  it('gives a late subscriber the terminal snapshot of a finished operation', async () => {
    const op = start();
    op.update({ stage: 'processing', progress: 40 });
    op.fail({ message: 'disk full', code: 'ENOSPC' });
    await op.flushed();
    const socket = await app.connect(app.token('u1', 't1'));
    const ack = await request(socket, 'operation.subscribe', { operationId: op.id });
    expect(ack.snapshot).toMatchObject({ status: 'failed', progress: 40, error: { message: 'disk full', code: 'ENOSPC' }, seq: 2 });
    expect(ack.snapshot.finishedAt).toEqual(expect.any(Number));
    const replay = await request(socket, 'operation.subscribe', { operationId: op.id, afterSeq: 0 });
    expect(replay.events.map((e: { event: string; seq: number }) => [e.event, e.seq])).toEqual([
      ['progress.updated', 1],
      ['progress.failed', 2],
    ]);
    socket.disconnect();
  });

  it('replays exactly the missed events to a client that re-subscribes with afterSeq', async () => {
    const op = start();
    const first = await app.connect(app.token('u1', 't1'));
    const before = collectProgress(first);
    await request(first, 'operation.subscribe', { operationId: op.id });
    op.update({ stage: 'validation', progress: 10 });
    op.update({ stage: 'processing', progress: 20 });
    await op.flushed();
    await until(() => before.length === 2);
    const lastSeq = before.at(-1)!.seq;
    first.disconnect();
    op.update({ stage: 'storing', progress: 60 });
    op.update({ stage: 'indexing', progress: 90 });
    await op.flushed();
    const second = await app.connect(app.token('u1', 't1'));
    const live = collectProgress(second);
    const ack = await request(second, 'operation.subscribe', { operationId: op.id, afterSeq: lastSeq });
    expect(ack.recovered).toBe(true);
    expect(ack.events.map((e: { seq: number; stage: string }) => [e.seq, e.stage])).toEqual([
      [3, 'storing'],
      [4, 'indexing'],
    ]);
    expect(ack.events[0]).toMatchObject({ event: 'progress.updated', operationId: op.id, progress: 60 });
    op.complete();
    await op.flushed();
    await until(() => live.length === 1);
    expect(live[0]).toMatchObject({ event: 'progress.completed', seq: 5 });
    second.disconnect();
  });

  it('says recovered: false when afterSeq is beyond the operation', async () => {
    const op = start();
    op.update({ progress: 1 });
    await op.flushed();
    const socket = await app.connect(app.token('u1', 't1'));
    const ack = await request(socket, 'operation.subscribe', { operationId: op.id, afterSeq: 99 });
    expect(ack).toMatchObject({ ok: true, recovered: false, events: [] });
    expect(ack.snapshot.seq).toBe(1);
    socket.disconnect();
  });

  it('stops sending an operation to a socket that unsubscribed', async () => {
    const op = start();
    const socket = await app.connect(app.token('u1', 't1'));
    const seen = collectProgress(socket);
    await request(socket, 'operation.subscribe', { operationId: op.id });
    op.update({ stage: 'a', progress: 1 });
    await op.flushed();
    await until(() => seen.length === 1);
    expect(await request(socket, 'operation.unsubscribe', { operationId: op.id })).toEqual({ ok: true });
    op.update({ stage: 'b', progress: 2 });
    op.complete();
    await op.flushed();
    await sleep(100);
    expect(seen).toHaveLength(1);
    socket.disconnect();
  });

  it('cancels through operation.cancel: the signal fires and a cancelled progress.failed ends it', async () => {
    const op = start();
    const socket = await app.connect(app.token('u1', 't1'));
    const seen = collectProgress(socket);
    await request(socket, 'operation.subscribe', { operationId: op.id });
    let reason: unknown;
    // The work stops when told to, as work using the signal does.
    op.signal.addEventListener('abort', () => {
      reason = op.signal.reason;
      op.fail(op.signal.reason);
    });
    expect(await request(socket, 'operation.cancel', { operationId: op.id })).toEqual({ ok: true });
    expect(op.signal.aborted).toBe(true);
    expect(reason).toMatchObject({ code: 'CANCELLED' });
    await until(() => seen.length === 1);
    expect(seen[0]).toMatchObject({ event: 'progress.failed', status: 'cancelled', error: { code: 'CANCELLED' } });
    expect(await request(socket, 'operation.cancel', { operationId: op.id })).toMatchObject({ ok: false, error: { code: 'NOT_CANCELLABLE' } });
    op.complete();
    await op.flushed();
    expect((await app.operations.get(op.id))?.status).toBe('cancelled');
    socket.disconnect();
  });

  it('carries named tasks with their status and progress in updates and in the snapshot', async () => {
    const op = start();
    const socket = await app.connect(app.token('u1', 't1'));
    const seen = collectProgress(socket);
    await request(socket, 'operation.subscribe', { operationId: op.id });
    const first = op.task('file-1', 'a.csv');
    const second = op.task('file-2', 'b.csv');
    first.start();
    first.update(40, 'parsing');
    first.update(20); // a task's progress never goes back either
    await sleep(40);
    first.complete();
    second.fail(new Error('unreadable'));
    second.update(90); // a finished task does not change
    await op.flushed();
    await until(() => seen.at(-1)?.tasks?.[1]?.status === 'failed');
    expect(seen.at(-1)!.tasks).toMatchObject([
      { id: 'file-1', name: 'a.csv', status: 'completed', progress: 100, message: 'parsing' },
      { id: 'file-2', name: 'b.csv', status: 'failed', progress: 0, message: 'unreadable', error: { message: 'unreadable' } },
    ]);
    expect((await app.operations.get(op.id))!.tasks).toEqual(seen.at(-1)!.tasks);
    op.complete();
    socket.disconnect();
  });

  it('lists what the caller may see, newest first, filtered and limited', async () => {
    const socket = await app.connect(app.token('lister', 'list-tenant'));
    const a = app.operations.start({ operationType: 'batch_process', userId: 'lister', tenantId: 'list-tenant' });
    await sleep(2);
    const b = app.operations.start({ operationType: 'data_import', userId: 'lister', tenantId: 'list-tenant' });
    b.complete();
    await Promise.all([a.flushed(), b.flushed()]);
    const all = await request(socket, 'operations.list', {});
    expect(all.operations.map((o: { operationId: string }) => o.operationId)).toEqual([b.id, a.id]);
    const running = await request(socket, 'operations.list', { status: 'running' });
    expect(running.operations.map((o: { operationId: string }) => o.operationId)).toEqual([a.id]);
    const imports = await request(socket, 'operations.list', { operationType: 'data_import', limit: 1 });
    expect(imports.operations.map((o: { operationId: string }) => o.operationId)).toEqual([b.id]);
    socket.disconnect();
  });
});

describe('coalescing', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ coalesceIntervalMs: 100 });
  });
  afterAll(() => app.close());

  it('stores only as many events as intervals elapsed for 100,000 update() calls, and the final state is exact', async () => {
    const op = app.operations.start({ operationType: 'load', userId: 'u1', tenantId: 't1' });
    const socket = await app.connect(app.token('u1', 't1'));
    const seen = collectProgress(socket);
    await request(socket, 'operation.subscribe', { operationId: op.id });
    const calls = 100_000;
    const startedAt = Date.now();
    let elapsed = 0;
    for (let i = 1; i <= calls; i++) {
      op.update({ progress: (i / calls) * 99, message: `row ${i}`, ...(i === calls / 2 ? { stage: 'second-half' } : {}) });
      // Yield now and then so the interval timer can fire, as real work would.
      if (i % 10_000 === 0) await sleep(0);
    }
    await sleep(150); // let the trailing edge of the last interval fire by itself
    await op.flushed();
    elapsed = Date.now() - startedAt;
    const stored = await app.operations.eventsAfter(op.id, 0);
    // One leading event, one per elapsed interval, and per stage change the change itself
    // plus the flush of what came before it.
    const stageChanges = 1;
    const bound = 1 + Math.ceil(elapsed / 100) + 2 * stageChanges;
    console.log(`coalescing: ${calls} update() calls in ${elapsed} ms -> ${stored.events.length} stored events (bound ${bound})`);
    expect(stored.events.length).toBeLessThanOrEqual(bound);
    const last = stored.events.at(-1)!;
    expect(last).toMatchObject({ progress: 99, message: `row ${calls}`, stage: 'second-half', seq: stored.events.length });
    expect(await app.operations.get(op.id)).toMatchObject({ progress: 99, message: `row ${calls}`, stage: 'second-half' });
    await until(() => seen.length === stored.events.length);
    expect(seen.map((e) => e.seq)).toEqual(stored.events.map((e) => e.seq));
    socket.disconnect();
  });
});
