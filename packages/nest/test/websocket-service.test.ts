import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UnknownOperationError } from '../src/index.js';
import { type TestApp, collectProgress, nextEvent, request, startTestApp, until } from './support/test-app.js';

describe("the guide's WebSocketService", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ coalesceIntervalMs: 10 });
  });
  afterAll(() => app.close());

  const startGuideOperation = async (userId: string, tenantId: string, body: Record<string, unknown> = {}) => {
    const res = await fetch(`${app.url}/api/my-operations`, {
      method: 'POST',
      headers: { authorization: `Bearer ${app.token(userId, tenantId)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as { success: true; message: string; data: { operationId: string; estimatedDuration: number } };
  };

  it('registers an operation made with randomUUID() inside a guarded request as owned by the requesting user', async () => {
    const body = await startGuideOperation('guide-user', 'guide-tenant', { delayMs: 300 });
    expect(body).toMatchObject({ success: true, message: 'Operation started', data: { estimatedDuration: 180000 } });
    const operationId = body.data.operationId;
    const owner = await app.connect(app.token('guide-user', 'guide-tenant'));
    const seen = collectProgress(owner);
    await until(async () => (await app.operations.get(operationId)) !== null);
    const ack = await request(owner, 'operation.subscribe', { operationId, afterSeq: 0 });
    expect(ack.ok).toBe(true);
    expect(ack.snapshot).toMatchObject({ ownerId: 'guide-user', tenantId: 'guide-tenant' });
    await until(() => seen.some((e) => e.event === 'progress.completed') || ack.events.some((e: { event: string }) => e.event === 'progress.completed'));
    const all = [...ack.events, ...seen].filter((e, i, list) => list.findIndex((x) => x.seq === e.seq) === i).sort((a, b) => a.seq - b.seq);
    expect(all.map((e) => [e.event, e.stage ?? null, e.progress])).toEqual([
      ['progress.updated', 'initialization', 10],
      ['progress.updated', 'processing', 50],
      ['progress.completed', null, 100],
    ]);
    expect(all.at(-1)).toMatchObject({ operationType: 'my_operation', result: { done: true } });
    const stranger = await app.connect(app.token('guide-user', 'other-tenant'));
    expect(await request(stranger, 'operation.subscribe', { operationId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    owner.disconnect();
    stranger.disconnect();
  });

  it("reports the guide's failure path as progress.failed with the error's message", async () => {
    const { data } = await startGuideOperation('guide-user', 'guide-tenant', { fail: true, delayMs: 5 });
    await until(async () => (await app.operations.get(data.operationId))?.status === 'failed');
    expect(await app.operations.get(data.operationId)).toMatchObject({ status: 'failed', progress: 50, error: { message: 'Something broke' } });
  });

  it('refuses an unknown id outside any request with a typed error that names the fix', async () => {
    const call = app.ws.sendProgressUpdate({ operationId: randomUUID(), progress: 10, timestamp: Date.now() });
    await expect(call).rejects.toBeInstanceOf(UnknownOperationError);
    await expect(call).rejects.toMatchObject({ code: 'OPERATION_UNKNOWN', message: expect.stringContaining('LiveProgressAuthGuard') });
    await expect(app.ws.sendOperationComplete(randomUUID(), 'x', {})).rejects.toMatchObject({ code: 'OPERATION_UNKNOWN' });
  });

  it('registers an unknown id outside a request when the owner is given', async () => {
    const operationId = randomUUID();
    await app.ws.sendProgressUpdate({ operationId, operationType: 'nightly', progress: 5, owner: { userId: 'cron', tenantId: 'ops' } });
    await app.ws.sendOperationComplete(operationId, 'nightly', { rows: 3 });
    expect(await app.operations.get(operationId)).toMatchObject({
      ownerId: 'cron',
      tenantId: 'ops',
      operationType: 'nightly',
      status: 'completed',
      result: { rows: 3 },
    });
  });

  it('sends a toast and a table refresh to the named user only', async () => {
    const target = await app.connect(app.token('toast-user', 't1'));
    const other = await app.connect(app.token('someone-else', 't1'));
    const heard: unknown[] = [];
    other.on('platform.system.alert', (e) => heard.push(e));
    other.on('platform.table.refresh', (e) => heard.push(e));
    const toast = nextEvent(target, 'platform.system.alert');
    const refresh = nextEvent(target, 'platform.table.refresh');
    await app.ws.sendToast({ title: 'Done', message: 'Import finished', type: 'success', duration: 3000 }, { userId: 'toast-user', tenantId: 't1' });
    await app.ws.refreshTable('my_operations', 'completed', { affectedIds: ['op-1'], audience: { userId: 'toast-user', tenantId: 't1' } });
    expect(await toast).toEqual({ type: 'toast', toast: { title: 'Done', message: 'Import finished', type: 'success', duration: 3000 } });
    expect(await refresh).toEqual({
      type: 'table_refresh',
      table: 'my_operations',
      action: 'completed',
      affectedIds: ['op-1'],
      metadata: { timestamp: expect.any(Number), initiatedBy: 'system' },
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(heard).toEqual([]);
    target.disconnect();
    other.disconnect();
  });

  it('needs an audience for a toast sent outside any request', async () => {
    await expect(app.ws.sendToast({ title: 'x', message: 'y', type: 'info' })).rejects.toMatchObject({ code: 'AUDIENCE_MISSING' });
  });
});
