import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, nextEvent, sleep, startTestApp } from './support/test-app.js';

describe('rooms a connection is in when the client hears connect', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      // A policy that looks the user up somewhere slow (a database, a permissions service).
      roomPolicy: async (user) => {
        await sleep(100);
        return user.roles.includes('admin') ? ['platform.admin.global'] : [];
      },
    });
  });
  afterAll(() => app.close());

  it('delivers an event sent to a policy room as soon as the client is connected', async () => {
    const admin = await app.connect(app.token('root', 'acme', { roles: ['admin'] }));
    const heard = nextEvent(admin, 'platform.system.alert', 2000);
    await app.ws.sendToRooms('platform.system.alert', { type: 'toast', toast: { title: 'Hi', message: 'admins', type: 'info' } }, ['platform.admin.global']);
    expect(await heard).toMatchObject({ toast: { message: 'admins' } });
    admin.disconnect();
  });

  it("delivers an event sent to the user's own room as soon as the client is connected", async () => {
    const socket = await app.connect(app.token('joe', 'acme'));
    const heard = nextEvent(socket, 'platform.system.alert', 2000);
    await app.ws.sendToast({ title: 'Hi', message: 'joe', type: 'info' }, { userId: 'joe', tenantId: 'acme' });
    expect(await heard).toMatchObject({ toast: { message: 'joe' } });
    socket.disconnect();
  });

  it('opens the connection without the policy rooms when the policy fails', async () => {
    const failing = await startTestApp({
      roomPolicy: () => {
        throw new Error('permissions service down');
      },
    });
    try {
      const socket = await failing.connect(failing.token('root', 'acme', { roles: ['admin'] }));
      expect(socket.connected).toBe(true);
      const heard = nextEvent(socket, 'platform.system.alert', 2000);
      await failing.ws.sendToast({ title: 'Hi', message: 'still yours', type: 'info' }, { userId: 'root', tenantId: 'acme' });
      expect(await heard).toMatchObject({ toast: { message: 'still yours' } });
      socket.disconnect();
    } finally {
      await failing.close();
    }
  });
});
