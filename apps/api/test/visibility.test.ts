import { type RunningApi, startApi } from '@liveprogress/test-support';
import { readSse } from '@liveprogress/test-support/sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Snapshot, follow, freshUser, getJson, signIn, startOperation } from './support/demo-client.js';

type Signed = Awaited<ReturnType<typeof signIn>>;

describe('who sees a demo operation (docs/protocol.md, Who may see an operation; The demo API)', () => {
  let api: RunningApi;
  let owner: Signed;
  let colleague: Signed;
  let admin: Signed;
  let outsider: Signed;

  beforeAll(async () => {
    api = await startApi();
    const tenant = `tenant-${Date.now()}`;
    owner = await signIn(api, freshUser(tenant));
    colleague = await signIn(api, freshUser(tenant));
    admin = await signIn(api, freshUser(tenant, ['admin']));
    // Same user id as the owner, other tenant: only the tenant tells them apart.
    outsider = await signIn(api, { userId: owner.userId, tenantId: `${tenant}-other` });
  });
  afterAll(async () => {
    for (const user of [owner, colleague, admin, outsider]) user?.client.close();
    await api?.stop();
  });

  async function sees(user: Signed, id: string): Promise<{ subscribe: string; snapshot: number; listed: boolean; stream: number }> {
    const ack = await user.client.request('operation.subscribe', { operationId: id });
    await user.client.request('operation.unsubscribe', { operationId: id });
    const { status } = await getJson<Snapshot>(api, `/api/v1/operations/${id}`, user.token);
    const list = await user.client.request('operations.list', {});
    const listed = list.ok && (list.operations as Snapshot[]).some((s) => s.operationId === id);
    const stream = await fetch(`${api.url}/api/v1/operations/${id}/stream`, {
      headers: { authorization: `Bearer ${user.token}` },
      signal: AbortSignal.timeout(10_000),
    });
    await stream.body?.cancel();
    return { subscribe: ack.ok ? 'ok' : ack.error.code, snapshot: status, listed, stream: stream.status };
  }

  const visible = { subscribe: 'ok', snapshot: 200, listed: true, stream: 200 };
  const hidden = { subscribe: 'NOT_FOUND', snapshot: 404, listed: false, stream: 404 };

  it('keeps an operation started without visibility to its owner and the tenant admins', async () => {
    const id = await startOperation(api, '/api/data/import', owner.token, { simulate: { durationMs: 300 } });
    await follow(owner.client, id);
    expect(await sees(owner, id)).toEqual(visible);
    expect(await sees(admin, id)).toEqual(visible);
    expect(await sees(colleague, id)).toEqual(hidden);
    expect(await sees(outsider, id)).toEqual(hidden);
  });

  it('shows an operation started with visibility "tenant" to another user of the same tenant', async () => {
    const id = await startOperation(api, '/api/batch/process', owner.token, { visibility: 'tenant', simulate: { durationMs: 600 } });
    const run = await follow(colleague.client, id);
    expect(run.terminal).toMatchObject({ event: 'progress.completed', operationId: id });
    expect(run.events.map((e) => e.seq)).toEqual(run.events.map((_, i) => i + 1));
    expect(await sees(colleague, id)).toEqual(visible);
  });

  it('never shows a tenant-visible operation to another tenant, not even to the same user id there', async () => {
    const id = await startOperation(api, '/api/my-operations', owner.token, { visibility: 'tenant', simulate: { durationMs: 300 } });
    await follow(owner.client, id);
    expect(await sees(outsider, id)).toEqual(hidden);
    const adminElsewhere = await signIn(api, freshUser(`${outsider.tenantId}`, ['admin']));
    expect(await sees(adminElsewhere, id)).toEqual(hidden);
    adminElsewhere.client.close();
  });

  it('lets a colleague cancel a tenant-visible operation but not an outsider', async () => {
    const id = await startOperation(api, '/api/data/import', owner.token, { visibility: 'tenant', simulate: { durationMs: 5000 } });
    const outsiderCancel = await fetch(`${api.url}/api/v1/operations/${id}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${outsider.token}` } });
    expect(outsiderCancel.status).toBe(404);
    expect(await outsider.client.request('operation.cancel', { operationId: id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(await colleague.client.request('operation.cancel', { operationId: id })).toEqual({ ok: true });
    const run = await follow(owner.client, id);
    expect(run.terminal).toMatchObject({ event: 'progress.failed', status: 'cancelled', error: { code: 'CANCELLED' } });
  });

  it('answers NOT_FOUND alike for an operation that does not exist, so existence does not leak', async () => {
    const id = await startOperation(api, '/api/my-operations', owner.token, { simulate: { durationMs: 300 } });
    const foreign = await outsider.client.request('operation.subscribe', { operationId: id });
    const missing = await outsider.client.request('operation.subscribe', { operationId: 'no-such-operation' });
    expect(foreign).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    await follow(owner.client, id);
  });

  it('streams a tenant-visible operation over SSE to a colleague and refuses an outsider', async () => {
    const id = await startOperation(api, '/api/my-operations', owner.token, { visibility: 'tenant', simulate: { durationMs: 400 } });
    const [mine, theirs] = await Promise.all([
      readSse(`${api.url}/api/v1/operations/${id}/stream?access_token=${colleague.token}`),
      readSse(`${api.url}/api/v1/operations/${id}/stream?access_token=${outsider.token}`),
    ]);
    expect(mine.status).toBe(200);
    expect(mine.messages.at(-1)?.event).toBe('progress.completed');
    expect(theirs.status).toBe(404);
    expect(JSON.parse(theirs.raw)).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });
});
