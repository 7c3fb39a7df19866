import { type RunningApi, sleep, startApi } from '@liveprogress/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Snapshot, follow, getJson, signIn, startOperation } from './support/demo-client.js';

const cancel = (api: RunningApi, id: string, token: string) =>
  fetch(`${api.url}/api/v1/operations/${encodeURIComponent(id)}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });

describe('cancelling a demo operation over HTTP (docs/protocol.md, HTTP and Server-Sent Events)', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.stop());

  // The generic endpoint reports through WebSocketService, the others through OperationsService.
  it.each(['/api/my-operations', '/api/files/upload', '/api/data/import', '/api/batch/process'])(
    'ends %s in progress.failed with status cancelled and code CANCELLED, and its work stops',
    async (path) => {
      const user = await signIn(api);
      const id = await startOperation(api, path, user.token, { simulate: { durationMs: 6000 } });
      const subscribed = await user.client.request('operation.subscribe', { operationId: id });
      expect(subscribed.ok).toBe(true);
      await user.client.waitFor((r) => r.event === 'progress.updated' && r.payload.operationId === id, 5000, 'a live update');

      const res = await cancel(api, id, user.token);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true });

      const run = await follow(user.client, id, { quietMs: 800 });
      expect(run.terminal).toMatchObject({
        event: 'progress.failed',
        operationId: id,
        status: 'cancelled',
        error: { code: 'CANCELLED', message: expect.any(String) },
      });
      expect(run.events.filter((e) => e.event !== 'progress.updated')).toHaveLength(1);
      expect(run.events.map((e) => e.seq)).toEqual(run.events.map((_, i) => i + 1));
      expect(run.afterTerminal).toEqual([]);
      expect(run.terminal.progress).toBeLessThan(100);

      const { body: snapshot } = await getJson<Snapshot>(api, `/api/v1/operations/${id}`, user.token);
      expect(snapshot).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' }, seq: run.terminal.seq, progress: run.terminal.progress });
      await sleep(500);
      const later = await getJson<Snapshot>(api, `/api/v1/operations/${id}`, user.token);
      expect(later.body.seq).toBe(run.terminal.seq);
      user.client.close();
    },
  );

  it('answers 409 NOT_CANCELLABLE to cancelling an operation that has finished', async () => {
    const user = await signIn(api);
    const id = await startOperation(api, '/api/data/import', user.token, { simulate: { durationMs: 300 } });
    await follow(user.client, id);
    const res = await cancel(api, id, user.token);
    expect(res.status).toBe(409);
    expect(await res.json()).toMatchObject({ error: { code: 'NOT_CANCELLABLE', message: expect.any(String) } });
    user.client.close();
  });

  it('answers 404 NOT_FOUND to cancelling an unknown operation and 401 without a token', async () => {
    const user = await signIn(api);
    const missing = await cancel(api, 'no-such-operation', user.token);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    const id = await startOperation(api, '/api/data/import', user.token, { simulate: { durationMs: 300 } });
    const anonymous = await fetch(`${api.url}/api/v1/operations/${id}/cancel`, { method: 'POST' });
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'TOKEN_MISSING' } });
    expect((await follow(user.client, id)).terminal.event).toBe('progress.completed');
    user.client.close();
  });
});
