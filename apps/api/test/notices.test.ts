import { type RunningApi, sleep, startApi } from '@liveprogress/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Received, follow, freshUser, signIn, startOperation } from './support/demo-client.js';

const ENDPOINTS = ['/api/my-operations', '/api/files/upload', '/api/data/import', '/api/batch/process'];

const toastsOf = (received: Received[]) =>
  received
    .filter((r) => r.event === 'platform.system.alert')
    .map((r) => r.payload as { type: string; toast: { title: string; message: string; type: string; duration?: number } });

const refreshesOf = (received: Received[], id: string) =>
  received
    .filter((r) => r.event === 'platform.table.refresh' && (r.payload.affectedIds as string[] | undefined)?.includes(id))
    .map((r) => r.payload as { type: string; table: string; action: string; affectedIds: string[]; metadata: { timestamp: number; initiatedBy: string } });

describe('toasts and table refreshes around a demo operation', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.stop());

  it.each(ENDPOINTS)('%s toasts the user when the operation starts and when it completes', async (path) => {
    const user = await signIn(api);
    const id = await startOperation(api, path, user.token, { name: 'Toasted', simulate: { durationMs: 300 } });
    await user.client.waitFor((r) => r.event === 'platform.system.alert' && (r.payload.toast as { type: string }).type === 'info', 5000, 'the start toast');
    const run = await follow(user.client, id);
    await user.client.waitFor((r) => r.event === 'platform.system.alert' && (r.payload.toast as { type: string }).type === 'success', 5000, 'the finish toast');
    const toasts = toastsOf(user.client.received);
    expect(toasts).toHaveLength(2);
    for (const t of toasts) {
      expect(t.type).toBe('toast');
      expect(t.toast).toMatchObject({ title: expect.any(String), message: expect.stringContaining('Toasted') });
    }
    expect(toasts.map((t) => t.toast.type)).toEqual(['info', 'success']);
    // The finish toast comes once the terminal event is out, never before it.
    const order = user.client.received.map((r) => (r.event === 'platform.system.alert' ? `toast:${(r.payload.toast as { type: string }).type}` : r.event));
    expect(run.terminal.event).toBe('progress.completed');
    if (order.includes('progress.completed')) expect(order.indexOf('toast:success')).toBeGreaterThan(order.indexOf('progress.completed'));
    user.client.close();
  });

  it('toasts an error when the operation fails', async () => {
    const user = await signIn(api);
    const id = await startOperation(api, '/api/data/import', user.token, { name: 'Doomed import', simulate: { durationMs: 300, failAtStage: 'processing' } });
    await follow(user.client, id);
    const failed = await user.client.waitFor(
      (r) => r.event === 'platform.system.alert' && (r.payload.toast as { type: string }).type === 'error',
      5000,
      'the error toast',
    );
    expect(failed.payload).toMatchObject({ type: 'toast', toast: { type: 'error', message: expect.stringContaining('Doomed import') } });
    user.client.close();
  });

  it.each(ENDPOINTS)('%s refreshes the my_operations table when the operation finishes', async (path) => {
    const user = await signIn(api);
    const id = await startOperation(api, path, user.token, { simulate: { durationMs: 300 } });
    const run = await follow(user.client, id);
    const finished = await user.client.waitFor(
      (r) =>
        r.event === 'platform.table.refresh' &&
        r.payload.table === 'my_operations' &&
        r.payload.action !== 'created' &&
        (r.payload.affectedIds as string[]).includes(id),
      5000,
      'the refresh after the end',
    );
    expect(finished.payload).toMatchObject({
      type: 'table_refresh',
      table: 'my_operations',
      action: expect.any(String),
      affectedIds: [id],
      metadata: { timestamp: expect.any(Number), initiatedBy: expect.any(String) },
    });
    const terminalAt = user.client.received.find((r) => r.event === run.terminal.event && r.payload.operationId === id)?.at ?? 0;
    expect(finished.at).toBeGreaterThanOrEqual(terminalAt);
    user.client.close();
  });

  it('refreshes my_operations after a failure as well', async () => {
    const user = await signIn(api);
    const id = await startOperation(api, '/api/batch/process', user.token, { simulate: { durationMs: 300, failAtStage: 'finalizing' } });
    await follow(user.client, id);
    await user.client.waitFor(
      (r) => r.event === 'platform.table.refresh' && r.payload.action === 'failed' && (r.payload.affectedIds as string[]).includes(id),
      5000,
      'the refresh after the failure',
    );
    user.client.close();
  });

  it.each(ENDPOINTS)('%s toasts the user and refreshes my_operations when the operation is cancelled', async (path) => {
    const user = await signIn(api);
    const id = await startOperation(api, path, user.token, { simulate: { durationMs: 5000 } });
    await user.client.waitFor((r) => r.event === 'platform.table.refresh' && r.payload.action === 'created', 5000, 'the refresh on start');
    expect(await user.client.request('operation.cancel', { operationId: id })).toEqual({ ok: true });
    await follow(user.client, id);
    await user.client.waitFor(
      (r) =>
        r.event === 'platform.table.refresh' &&
        r.payload.table === 'my_operations' &&
        r.payload.action !== 'created' &&
        (r.payload.affectedIds as string[]).includes(id),
      3000,
      'a refresh of my_operations after the cancellation',
    );
    const toasts = toastsOf(user.client.received);
    expect(toasts).toHaveLength(2);
    expect(toasts[1]!.toast.type).not.toBe('success');
    user.client.close();
  });

  it.each(['/api/my-operations', '/api/data/import'])(
    '%s: a colleague cancels a shared operation, the cancelled event names them and the owner is told who',
    async (path) => {
      const tenant = `tenant-${Date.now()}`;
      const owner = await signIn(api, freshUser(tenant));
      const colleague = await signIn(api, freshUser(tenant));
      const id = await startOperation(api, path, owner.token, { name: 'Shared report', visibility: 'tenant', simulate: { durationMs: 5000 } });
      await owner.client.waitFor((r) => r.event === 'platform.table.refresh' && r.payload.action === 'created', 5000, 'the refresh on start');
      expect(await owner.client.request('operation.subscribe', { operationId: id })).toMatchObject({ ok: true });
      expect(await colleague.client.request('operation.cancel', { operationId: id })).toEqual({ ok: true });

      const run = await follow(owner.client, id);
      expect(run.terminal).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED', details: { cancelledBy: colleague.userId } } });
      const cancelled = await owner.client.waitFor(
        (r) => r.event === 'platform.system.alert' && (r.payload.toast as { type: string }).type === 'warning',
        5000,
        'the cancel toast',
      );
      // The toast names its operation, so a page that toasts the end itself shows one toast.
      expect(cancelled.payload.toast).toEqual({
        title: 'Operation cancelled',
        message: `Shared report was cancelled by ${colleague.userId}`,
        type: 'warning',
        duration: 8000,
        operationId: id,
      });
      owner.client.close();
      colleague.client.close();
    },
  );

  it('tells the owner who cancelled their own operation: "by you"', async () => {
    const user = await signIn(api);
    const id = await startOperation(api, '/api/batch/process', user.token, { name: 'My batch', simulate: { durationMs: 5000 } });
    await user.client.waitFor((r) => r.event === 'platform.table.refresh' && r.payload.action === 'created', 5000, 'the refresh on start');
    expect(await user.client.request('operation.cancel', { operationId: id })).toEqual({ ok: true });
    await follow(user.client, id);
    const cancelled = await user.client.waitFor(
      (r) => r.event === 'platform.system.alert' && (r.payload.toast as { type: string }).type === 'warning',
      5000,
      'the cancel toast',
    );
    expect(cancelled.payload.toast).toMatchObject({ message: 'My batch was cancelled by you', operationId: id });
    user.client.close();
  });

  it('sends toasts and owner-only refreshes to the owner alone, tenant-visible refreshes to the whole tenant', async () => {
    const tenant = `tenant-${Date.now()}`;
    const owner = await signIn(api, freshUser(tenant));
    const colleague = await signIn(api, freshUser(tenant));
    const outsider = await signIn(api, { userId: owner.userId, tenantId: `${tenant}-other` });

    const own = await startOperation(api, '/api/data/import', owner.token, { simulate: { durationMs: 300 } });
    await follow(owner.client, own);
    const shared = await startOperation(api, '/api/data/import', owner.token, { visibility: 'tenant', simulate: { durationMs: 300 } });
    await follow(owner.client, shared);
    await owner.client.waitFor((r) => refreshesOf([r], shared).some((p) => p.action !== 'created'), 5000, 'the shared refresh');
    await sleep(200);

    expect(toastsOf(owner.client.received)).toHaveLength(4);
    expect(toastsOf(colleague.client.received)).toEqual([]);
    expect(refreshesOf(colleague.client.received, own)).toEqual([]);
    expect(refreshesOf(colleague.client.received, shared).map((p) => p.table)).toEqual(['my_operations', 'my_operations']);
    expect(outsider.client.received.filter((r) => r.event.startsWith('platform.'))).toEqual([]);
    for (const user of [owner, colleague, outsider]) user.client.close();
  });
});
