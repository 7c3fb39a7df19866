import type { SystemAlertPayload, TableRefreshPayload } from '@liveprogress/protocol';
import { signToken, startLoopbackProxy, until, type LoopbackProxy } from '@liveprogress/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/test-server.js';
import { httpFallback } from '../../src/fallback.js';

const SOCKET_IO = /^\/socket\.io\//;
const OPERATION_STREAM = /^\/api\/v1\/operations\/[^/?]+\/stream/;
const ROOM_EVENTS = /^\/api\/v1\/events/;

let h: Harness;
let proxy: LoopbackProxy;
beforeAll(async () => {
  h = await startHarness();
}, 30_000);
afterEach(async () => {
  h.closeClients();
  await proxy?.close();
});
afterAll(() => h.server.stop());

describe('toasts, table refreshes and custom events on the fallback transports', () => {
  it.each([
    ['sse', [SOCKET_IO]],
    ['polling', [SOCKET_IO, OPERATION_STREAM]],
  ] as const)(
    'reach the client on %s, with Socket.IO refused, through the room-event stream',
    async (transport, refused) => {
      proxy = await startLoopbackProxy(h.server.port);
      for (const path of refused) proxy.block(path);
      const token = h.token(`user-${transport}`);
      const client = h.client({
        token,
        url: proxy.url,
        reconnection: { initialDelayMs: 50, maxDelayMs: 200, jitter: 0 },
        fallback: httpFallback({ afterFailures: 2, pollIntervalMs: 200, socketProbeIntervalMs: 0 }),
      });
      const toasts: string[] = [];
      const refreshes: string[] = [];
      const custom: unknown[] = [];
      client.subscribeToEvent<SystemAlertPayload>('platform.system.alert', (payload) => toasts.push(payload.toast.title));
      client.onTableRefresh('my_operations', (event: TableRefreshPayload) => refreshes.push(event.action));
      client.subscribeToEvent('custom.*', (payload, event) => custom.push([event, payload]));

      // With SSE refused too, polling takes over only once an operation stream has failed: follow one.
      const operationId = await h.start(token, { simulate: { durationMs: 600 } });
      client.watchOperation(operationId);
      await until(() => client.getTransport() === transport && client.getStatus() === 'connected', `connected over ${transport}`, 15_000);
      await until(() => proxy.open(ROOM_EVENTS) === 1, 'the room-event stream open');

      const second = await h.start(token, { simulate: { durationMs: 300 } });
      await h.server.ws.sendToRooms('custom.report.ready', { id: 7 }, [`user:${encodeURIComponent(h.tenant)}:${encodeURIComponent(`user-${transport}`)}`]);
      await until(
        () => toasts.filter((title) => title === 'Operation completed').length >= 1 && refreshes.includes('completed'),
        'the toasts and refreshes',
        15_000,
      );
      await until(() => custom.length === 1, 'the custom event');

      expect(toasts).toContain('Operation started');
      expect(refreshes).toContain('created');
      expect(custom).toEqual([['custom.report.ready', { id: 7 }]]);
      expect(client.getTransport()).toBe(transport);
      expect(proxy.seen(SOCKET_IO).every((request) => request.refused)).toBe(true);
      // The second operation was never watched: its notices came through the room-event stream alone.
      expect(client.getActiveSubscriptions().operations.map((operation) => operation.operationId)).not.toContain(second);
      const [roomStream] = proxy.seen(ROOM_EVENTS);
      expect(roomStream?.headers.authorization).toBe(`Bearer ${token}`);
    },
    30_000,
  );

  it('reopens the room-event stream with a fresh token from getToken after it ends at the token expiry', async () => {
    proxy = await startLoopbackProxy(h.server.port);
    const tokens: string[] = [];
    const client = h.client({
      url: proxy.url,
      fallback: httpFallback({ transportOrder: ['sse'] }),
      reconnection: { initialDelayMs: 50, maxDelayMs: 200, jitter: 0 },
      // Expires in 2 s; refreshed only at the expiry, since refreshBeforeExpiryMs is 0.
      refreshBeforeExpiryMs: 0,
      getToken: () => {
        const token = signToken({ sub: 'expiring', tenantId: h.tenant }, { expiresIn: 2 });
        tokens.push(token);
        return token;
      },
    });
    const toasts: string[] = [];
    client.subscribeToEvent<SystemAlertPayload>('platform.system.alert', (payload) => toasts.push(payload.toast.message));
    await until(() => proxy.open(ROOM_EVENTS) === 1, 'the room-event stream open');
    const firstCount = tokens.length;
    await until(() => proxy.seen(ROOM_EVENTS).length >= 2 && proxy.open(ROOM_EVENTS) === 1 && client.getStatus() === 'connected', 'reopened', 10_000);
    expect(tokens.length).toBeGreaterThan(firstCount);
    const reopened = proxy.seen(ROOM_EVENTS).at(-1)!;
    expect(reopened.headers.authorization).toBe(`Bearer ${tokens.at(-1)}`);
    await h.server.ws.sendToast({ title: 'Hi', message: 'after the refresh', type: 'info' }, { userId: 'expiring', tenantId: h.tenant });
    await until(() => toasts.includes('after the refresh'), 'the toast after the refresh');
  }, 20_000);
});
