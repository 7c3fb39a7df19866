import { parseSse } from '@liveprogress/test-support/sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, sleep, startTestApp } from './support/test-app.js';

/** An open SSE response read as it arrives: what it said so far, and whether the server ended it. */
async function openStream(url: string, headers: Record<string, string> = {}) {
  const controller = new AbortController();
  const res = await fetch(url, { headers, signal: controller.signal });
  let raw = '';
  let endedAt: number | null = null;
  const reading = (async () => {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        raw += decoder.decode(value, { stream: true });
      }
      endedAt = Date.now();
    } catch {
      // aborted by close()
    }
  })();
  return {
    res,
    messages: () => parseSse(raw).messages,
    ended: () => endedAt,
    async close() {
      controller.abort();
      await reading;
    },
    async until(what: string, check: () => boolean, timeoutMs = 5000): Promise<void> {
      const deadline = Date.now() + timeoutMs;
      while (!check()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; the stream said: ${raw}`);
        await sleep(20);
      }
    },
  };
}

describe("the caller's room-event stream", () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({
      sseHeartbeatMs: 100,
      roomPolicy: (user) => (user.roles.includes('admin') ? ['platform.admin.global'] : []),
    });
  });
  afterAll(() => app.close());

  it('carries the toasts, table refreshes and custom events sent to the rooms its socket would join, and nothing else', async () => {
    const headers = { authorization: `Bearer ${app.token('ann', 'acme', { roles: ['admin'] })}` };
    const stream = await openStream(`${app.url}/api/v1/events`, headers);
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get('content-type')).toMatch(/^text\/event-stream/);

    await app.ws.sendToast({ title: 'Hi', message: 'to ann', type: 'info' }, { userId: 'ann', tenantId: 'acme' });
    await app.ws.sendToast({ title: 'Hi', message: 'to bob', type: 'info' }, { userId: 'bob', tenantId: 'acme' });
    await app.ws.refreshTable('orders', 'update', { audience: { tenantId: 'acme' }, initiatedBy: 'bob' });
    await app.ws.refreshTable('orders', 'update', { audience: { tenantId: 'other' } });
    await app.ws.sendToRooms('custom.admin.notice', { n: 1 }, ['platform.admin.global']);
    await app.ws.sendToRooms('custom.elsewhere', { n: 2 }, ['platform.other']);
    await app.ws.sendToast({ title: 'Admins', message: 'by role', type: 'warning' }, { tenantId: 'acme', role: 'admin' });
    await stream.until('four events', () => stream.messages().length >= 4);
    await sleep(100);
    await stream.close();

    const messages = stream.messages();
    expect(messages.map((message) => message.event)).toEqual([
      'platform.system.alert',
      'platform.table.refresh',
      'custom.admin.notice',
      'platform.system.alert',
    ]);
    expect(messages[0]!.data).toEqual({ type: 'toast', toast: { title: 'Hi', message: 'to ann', type: 'info' } });
    expect(messages[1]!.data).toMatchObject({ type: 'table_refresh', table: 'orders', action: 'update', metadata: { initiatedBy: 'bob' } });
    expect(messages[2]!.data).toEqual({ n: 1 });
    expect(messages.every((message) => message.id === undefined)).toBe(true);
  });

  it('sends a heartbeat comment while nothing happens', async () => {
    const stream = await openStream(`${app.url}/api/v1/events`, { authorization: `Bearer ${app.token('cy', 'acme')}` });
    await sleep(350);
    await stream.close();
    expect(stream.messages()).toEqual([]);
  });

  it('takes ?access_token= like the operation stream, and answers 401 without a token', async () => {
    const refused = await fetch(`${app.url}/api/v1/events`);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: 'TOKEN_MISSING' } });
    const stream = await openStream(`${app.url}/api/v1/events?access_token=${app.token('dee', 'acme')}`);
    expect(stream.res.status).toBe(200);
    await app.ws.sendToast({ title: 'Hi', message: 'dee', type: 'success' }, { userId: 'dee', tenantId: 'acme' });
    await stream.until('the toast', () => stream.messages().length === 1);
    await stream.close();
  });

  it('is not mounted with roomEventsPath: false, and moves with roomEventsPath', async () => {
    const moved = await startTestApp({}, { roomEventsPath: '/live/events' });
    const none = await startTestApp({}, { roomEventsPath: false });
    try {
      const auth = (on: TestApp) => ({ authorization: `Bearer ${on.token('u', 't')}` });
      const stream = await openStream(`${moved.url}/live/events`, auth(moved));
      expect(stream.res.status).toBe(200);
      await stream.close();
      expect((await fetch(`${none.url}/api/v1/events`, { headers: auth(none) })).status).toBe(404);
    } finally {
      await Promise.all([moved.close(), none.close()]);
    }
  });
});

describe('SSE streams at token expiry', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp({ sseHeartbeatMs: 200 });
  });
  afterAll(() => app.close());

  it('ends the operation stream of a running operation with auth.expired when the token expires', async () => {
    const op = app.operations.start({ operationType: 'report', userId: 'u1', tenantId: 't1' });
    op.update({ progress: 10 });
    await op.flushed();
    const token = app.token('u1', 't1', { expiresIn: 2 });
    const expiresAt = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp * 1000;
    const stream = await openStream(`${app.url}/api/v1/operations/${op.id}/stream`, { authorization: `Bearer ${token}` });
    await stream.until('the end of the stream', () => stream.ended() !== null, 5000);

    const events = stream.messages().map((message) => message.event);
    expect(events[0]).toBe('snapshot');
    expect(events.at(-1)).toBe('auth.expired');
    expect(stream.messages().at(-1)!.data).toEqual({ code: 'TOKEN_EXPIRED', timestamp: expect.any(Number) });
    expect(stream.ended()!).toBeGreaterThanOrEqual(expiresAt);
    expect(stream.ended()! - expiresAt).toBeLessThan(1000);
    op.complete();
  });

  it('ends the room-event stream with auth.expired when the token expires', async () => {
    const token = app.token('u2', 't1', { expiresIn: 2 });
    const expiresAt = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).exp * 1000;
    const stream = await openStream(`${app.url}/api/v1/events`, { authorization: `Bearer ${token}` });
    await app.ws.sendToast({ title: 'Hi', message: 'before expiry', type: 'info' }, { userId: 'u2', tenantId: 't1' });
    await stream.until('the end of the stream', () => stream.ended() !== null, 5000);
    expect(stream.messages().map((message) => message.event)).toEqual(['platform.system.alert', 'auth.expired']);
    expect(stream.ended()!).toBeGreaterThanOrEqual(expiresAt);
  });

  it('keeps a stream with a long-lived token open past a short one', async () => {
    const op = app.operations.start({ operationType: 'report', userId: 'u1', tenantId: 't1' });
    const stream = await openStream(`${app.url}/api/v1/operations/${op.id}/stream`, { authorization: `Bearer ${app.token('u1', 't1')}` });
    await sleep(500);
    op.complete();
    await stream.until('the end of the stream', () => stream.ended() !== null);
    expect(stream.messages().map((message) => message.event)).toEqual(['snapshot', 'progress.completed']);
  });
});
