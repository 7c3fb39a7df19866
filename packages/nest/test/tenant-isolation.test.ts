import { Rooms } from '@liveprogress/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, nextEvent, request, sleep, startTestApp } from './support/test-app.js';

describe('who may see an operation', () => {
  let app: TestApp;
  let ownerOnly: string;
  let tenantWide: string;
  beforeAll(async () => {
    app = await startTestApp({ roomPolicy: (user) => (user.roles.includes('admin') ? ['platform.admin.global'] : []) });
    const a = app.operations.start({ operationType: 'import', userId: 'alice', tenantId: 'acme' });
    a.update({ stage: 'processing', progress: 30 });
    const b = app.operations.start({ operationType: 'import', userId: 'alice', tenantId: 'acme', visibility: 'tenant' });
    await Promise.all([a.flushed(), b.flushed()]);
    ownerOnly = a.id;
    tenantWide = b.id;
  });
  afterAll(() => app.close());

  const outsiders = [
    ['another tenant', 'alice', 'globex'],
    ['another user of the same tenant', 'bob', 'acme'],
  ] as const;

  for (const [who, userId, tenantId] of outsiders) {
    it(`answers NOT_FOUND to ${who} on every socket request`, async () => {
      const socket = await app.connect(app.token(userId, tenantId));
      for (const event of ['operation.subscribe', 'operation.unsubscribe', 'operation.cancel']) {
        expect(await request(socket, event, { operationId: ownerOnly })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
      }
      const listed = await request(socket, 'operations.list', {});
      expect(listed.operations.map((o: { operationId: string }) => o.operationId)).not.toContain(ownerOnly);
      socket.disconnect();
    });

    it(`answers 404 to ${who} on snapshot, stream and cancel over HTTP`, async () => {
      const headers = { authorization: `Bearer ${app.token(userId, tenantId)}` };
      for (const [method, path] of [
        ['GET', `/api/v1/operations/${ownerOnly}`],
        ['GET', `/api/v1/operations/${ownerOnly}/stream`],
        ['POST', `/api/v1/operations/${ownerOnly}/cancel`],
      ] as const) {
        const res = await fetch(`${app.url}${path}`, { method, headers });
        expect(res.status).toBe(404);
        expect(await res.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
      }
      const list = (await (await fetch(`${app.url}/api/v1/operations`, { headers })).json()) as { operations: Array<{ operationId: string }> };
      expect(list.operations.map((o: { operationId: string }) => o.operationId)).not.toContain(ownerOnly);
    });
  }

  it('answers the same NOT_FOUND for an id that does not exist, so existence does not leak', async () => {
    const socket = await app.connect(app.token('bob', 'acme'));
    const missing = await request(socket, 'operation.subscribe', { operationId: 'no-such-operation' });
    const foreign = await request(socket, 'operation.subscribe', { operationId: ownerOnly });
    expect(missing.error.code).toBe(foreign.error.code);
    socket.disconnect();
  });

  it('shows a tenant-visible operation to everyone of its tenant and nobody outside', async () => {
    const colleague = await app.connect(app.token('bob', 'acme'));
    expect(await request(colleague, 'operation.subscribe', { operationId: tenantWide })).toMatchObject({ ok: true });
    const stranger = await app.connect(app.token('bob', 'globex'));
    expect(await request(stranger, 'operation.subscribe', { operationId: tenantWide })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    colleague.disconnect();
    stranger.disconnect();
  });

  it("shows an admin every operation of the admin's own tenant only", async () => {
    const admin = await app.connect(app.token('carol', 'acme', { roles: ['admin'] }));
    expect(await request(admin, 'operation.subscribe', { operationId: ownerOnly })).toMatchObject({ ok: true });
    const list = await request(admin, 'operations.list', {});
    expect(list.operations.map((o: { operationId: string }) => o.operationId)).toEqual(expect.arrayContaining([ownerOnly, tenantWide]));
    const foreignAdmin = await app.connect(app.token('carol', 'globex', { roles: ['admin'] }));
    expect(await request(foreignAdmin, 'operation.subscribe', { operationId: ownerOnly })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    admin.disconnect();
    foreignAdmin.disconnect();
  });

  it('lets a subscriber hear only the operations it subscribed to', async () => {
    const op = app.operations.start({ operationType: 'import', userId: 'dave', tenantId: 'acme' });
    const listener = await app.connect(app.token('dave', 'acme'));
    const heard: unknown[] = [];
    listener.on('progress.updated', (e) => heard.push(e));
    op.update({ progress: 50 });
    await op.flushed();
    await sleep(100);
    expect(heard).toEqual([]);
    listener.disconnect();
  });
});

describe('rooms', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ roomPolicy: (user) => (user.roles.includes('admin') ? ['platform.admin.global', 'tenant:forged'] : []) });
  });
  afterAll(() => app.close());

  const roomsOf = (socketId: string) => [...(app.sockets.attached!.of('/').sockets.get(socketId)?.rooms ?? [])];

  it('joins the tenant, user and role rooms with URI-encoded ids', async () => {
    const socket = await app.connect(app.token('u 1', 'acme/eu', { roles: ['editor'] }));
    await sleep(20);
    expect(roomsOf(socket.id!)).toEqual(expect.arrayContaining(['tenant:acme%2Feu', 'user:acme%2Feu:u%201', 'role:acme%2Feu:editor']));
    socket.disconnect();
  });

  it('keeps tenant a:b user c and tenant a user b:c apart', async () => {
    const first = await app.connect(app.token('c', 'a:b'));
    const second = await app.connect(app.token('b:c', 'a'));
    await sleep(20);
    const shared = roomsOf(first.id!).filter((room) => roomsOf(second.id!).includes(room));
    expect(shared).toEqual([]);
    expect(Rooms.user('a:b', 'c')).not.toBe(Rooms.user('a', 'b:c'));
    const toFirst = nextEvent(first, 'platform.system.alert', 1000);
    const secondHeard: unknown[] = [];
    second.on('platform.system.alert', (e) => secondHeard.push(e));
    await app.ws.sendToast({ title: 'Hi', message: 'only for c', type: 'info' }, { userId: 'c', tenantId: 'a:b' });
    expect(await toFirst).toEqual({ type: 'toast', toast: { title: 'Hi', message: 'only for c', type: 'info' } });
    await sleep(50);
    expect(secondHeard).toEqual([]);
    first.disconnect();
    second.disconnect();
  });

  it('joins application rooms granted by the policy, never reserved ones', async () => {
    const admin = await app.connect(app.token('root', 'acme', { roles: ['admin'] }));
    const user = await app.connect(app.token('joe', 'acme'));
    await sleep(20);
    expect(roomsOf(admin.id!)).toContain('platform.admin.global');
    expect(roomsOf(admin.id!)).not.toContain('tenant:forged');
    expect(roomsOf(user.id!)).not.toContain('platform.admin.global');
    const heard = nextEvent(admin, 'platform.table.refresh', 1000);
    await app.ws.sendToRooms(
      'platform.table.refresh',
      { type: 'table_refresh', table: 't', action: 'updated', metadata: { timestamp: 1, initiatedBy: 'system' } },
      ['platform.admin.global'],
    );
    expect(await heard).toMatchObject({ table: 't' });
    admin.disconnect();
    user.disconnect();
  });

  it('refuses to send server-owned or malformed event names', async () => {
    await expect(app.ws.sendToRooms('progress.completed', {}, ['x'])).rejects.toMatchObject({ code: 'EVENT_NAME_INVALID' });
    await expect(app.ws.sendToRooms('Bad Name', {}, ['x'])).rejects.toMatchObject({ code: 'EVENT_NAME_INVALID' });
    await expect(app.ws.sendToRooms('custom.event.done', {}, [])).rejects.toMatchObject({ code: 'ROOMS_INVALID' });
  });
});
