import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, nextEvent, request, startTestApp, until } from './support/test-app.js';
import { twoNodesOnRedis } from './support/two-nodes.js';

/** A finished operation of `userId` in tenant t1. */
async function finished(app: TestApp, userId: string, options: { visibility?: 'owner' | 'tenant' } = {}): Promise<string> {
  const op = app.operations.start({ operationType: 'import', userId, tenantId: 't1', ...options });
  op.update({ progress: 40 });
  op.complete({ rows: 3 });
  await op.flushed();
  return op.id;
}

const errorCode = (ack: { ok: boolean; error?: { code: string } }) => (ack.ok ? 'ok' : ack.error?.code);

describe('deleting an operation (docs/protocol.md, operation.delete)', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ coalesceIntervalMs: 10 });
  });
  afterAll(() => app.close());

  const http = (method: string, path: string, token: string) =>
    fetch(`${app.url}/api/v1/operations${path}`, { method, headers: { authorization: `Bearer ${token}` } });

  it('deletes a finished operation for its owner, tells its subscribers operation.deleted, and from then on it is NOT_FOUND everywhere', async () => {
    const id = await finished(app, 'u1');
    const owner = app.token('u1', 't1');
    const watcher = await app.connect(owner);
    expect(await request(watcher, 'operation.subscribe', { operationId: id })).toMatchObject({ ok: true, snapshot: { status: 'completed' } });
    const deleter = await app.connect(owner);
    const heard = nextEvent<{ operationId: string }>(watcher, 'operation.deleted');

    expect(await request(deleter, 'operation.delete', { operationId: id })).toEqual({ ok: true });
    expect(await heard).toEqual({ operationId: id });

    for (const event of ['operation.subscribe', 'operation.cancel', 'operation.delete', 'operation.unsubscribe']) {
      expect(errorCode(await request(deleter, event, { operationId: id }))).toBe('NOT_FOUND');
    }
    const list = await request(deleter, 'operations.list', {});
    expect(list.operations.map((s: { operationId: string }) => s.operationId)).not.toContain(id);
    expect((await http('GET', `/${id}`, owner)).status).toBe(404);
    expect((await http('GET', `/${id}/stream`, owner)).status).toBe(404);
    expect((await http('POST', `/${id}/cancel`, owner)).status).toBe(404);
    expect((await http('DELETE', `/${id}`, owner)).status).toBe(404);
    expect(await app.operations.get(id)).toBeNull();
  });

  it('deletes over HTTP with 200 { ok: true } for the owner', async () => {
    const id = await finished(app, 'u1');
    const res = await http('DELETE', `/${id}`, app.token('u1', 't1'));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true });
    expect(await app.operations.get(id)).toBeNull();
  });

  it('refuses OPERATION_RUNNING (409) while the operation runs, over the socket and HTTP, and deletes nothing', async () => {
    const op = app.operations.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    op.update({ progress: 10 });
    await op.flushed();
    const owner = app.token('u1', 't1');
    const socket = await app.connect(owner);
    const ack = await request(socket, 'operation.delete', { operationId: op.id });
    expect(ack).toEqual({ ok: false, error: { code: 'OPERATION_RUNNING', message: expect.stringContaining('still running') } });
    const res = await http('DELETE', `/${op.id}`, owner);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: { code: 'OPERATION_RUNNING', message: expect.stringContaining('still running') } });
    // The operation carries on, and once it ends it can be deleted.
    op.update({ progress: 60 });
    op.complete();
    await op.flushed();
    expect(await app.operations.get(op.id)).toMatchObject({ status: 'completed', progress: 100 });
    expect(await request(socket, 'operation.delete', { operationId: op.id })).toEqual({ ok: true });
  });

  it('lets a tenant admin delete the operation of another user, and refuses FORBIDDEN (403) a user who may only see it', async () => {
    const id = await finished(app, 'u1', { visibility: 'tenant' });
    const colleague = app.token('u2', 't1');
    const socket = await app.connect(colleague);
    // The colleague may see it…
    expect(await request(socket, 'operation.subscribe', { operationId: id })).toMatchObject({ ok: true });
    // …but not delete it.
    expect(await request(socket, 'operation.delete', { operationId: id })).toEqual({
      ok: false,
      error: { code: 'FORBIDDEN', message: expect.stringContaining('owner') },
    });
    const refused = await http('DELETE', `/${id}`, colleague);
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: 'FORBIDDEN' } });
    expect(await app.operations.get(id)).not.toBeNull();

    const heard = nextEvent<{ operationId: string }>(socket, 'operation.deleted');
    const admin = await app.connect(app.token('boss', 't1', { roles: ['admin'] }));
    expect(await request(admin, 'operation.delete', { operationId: id })).toEqual({ ok: true });
    expect(await heard).toEqual({ operationId: id });

    const byHttp = await finished(app, 'u1');
    expect((await http('DELETE', `/${byHttp}`, app.token('boss', 't1', { roles: ['admin'] }))).status).toBe(200);
  });

  it('answers NOT_FOUND (404) to a user of another tenant, and to one of the tenant who may not see it, so existence does not leak', async () => {
    const id = await finished(app, 'u1');
    for (const token of [app.token('u1', 't2'), app.token('admin', 't2', { roles: ['admin'] }), app.token('u2', 't1')]) {
      const socket = await app.connect(token);
      const ack = await request(socket, 'operation.delete', { operationId: id });
      expect(ack).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: expect.any(String) } });
      expect((await http('DELETE', `/${id}`, token)).status).toBe(404);
      // Same answer as for an id that never existed.
      expect(errorCode(await request(socket, 'operation.delete', { operationId: 'never-existed' }))).toBe('NOT_FOUND');
      socket.disconnect();
    }
    expect(await app.operations.get(id)).not.toBeNull();
  });

  it('refuses an invalid id with INVALID_PAYLOAD', async () => {
    const socket = await app.connect(app.token('u1', 't1'));
    expect(errorCode(await request(socket, 'operation.delete', { operationId: '' }))).toBe('INVALID_PAYLOAD');
    expect(errorCode(await request(socket, 'operation.delete', { operationId: 'x', extra: 1 }))).toBe('INVALID_PAYLOAD');
  });

  it('lets application code delete through OperationsService.delete, with no user to check, but never a running operation', async () => {
    const id = await finished(app, 'u1');
    const op = app.operations.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    await op.flushed();
    expect(await app.operations.delete(op.id)).toBe('running');
    expect(await app.operations.delete(id)).toBe('deleted');
    expect(await app.operations.delete(id)).toBe('not_found');
    op.complete();
    await op.flushed();
  });
});

describe('deleting an operation in Redis mode', () => {
  const nodes = twoNodesOnRedis((url) => ({ redis: { url, keyPrefix: 'del:' }, coalesceIntervalMs: 10 }));

  it('deletes on one node; subscribers on the other hear operation.deleted, and both nodes answer NOT_FOUND', async () => {
    const id = await finished(nodes.nodeA, 'u1', { visibility: 'tenant' });
    const token = nodes.nodeA.token('u1', 't1');
    const watchers: Socket[] = [await nodes.nodeA.connect(token), await nodes.nodeB.connect(nodes.nodeB.token('u2', 't1'))];
    for (const socket of watchers) expect(await request(socket, 'operation.subscribe', { operationId: id })).toMatchObject({ ok: true });
    const heard = watchers.map((socket) => nextEvent<{ operationId: string }>(socket, 'operation.deleted'));

    const res = await fetch(`${nodes.nodeB.url}/api/v1/operations/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    expect(await Promise.all(heard)).toEqual([{ operationId: id }, { operationId: id }]);

    for (const node of [nodes.nodeA, nodes.nodeB]) {
      expect(await node.operations.get(id)).toBeNull();
      const socket = await node.connect(token);
      expect(errorCode(await request(socket, 'operation.subscribe', { operationId: id }))).toBe('NOT_FOUND');
      const list = await request(socket, 'operations.list', {});
      expect(list.operations.map((s: { operationId: string }) => s.operationId)).not.toContain(id);
      const typed = await request(socket, 'operations.list', { operationType: 'import', status: 'completed' });
      expect(typed.operations.map((s: { operationId: string }) => s.operationId)).not.toContain(id);
    }
  });

  it('refuses OPERATION_RUNNING for an operation running on the other node', async () => {
    const op = nodes.nodeA.operations.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    await op.flushed();
    const socket = await nodes.nodeB.connect(nodes.nodeB.token('u1', 't1'));
    expect(errorCode(await request(socket, 'operation.delete', { operationId: op.id }))).toBe('OPERATION_RUNNING');
    op.complete();
    await op.flushed();
    await until(async () => (await nodes.nodeB.operations.get(op.id))?.status === 'completed');
    expect(await request(socket, 'operation.delete', { operationId: op.id })).toEqual({ ok: true });
  });
});
