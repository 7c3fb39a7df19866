import { signToken, sleep, startLoopbackProxy, until } from '@liveprogress/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionStatus } from '../../src/index.js';
import { startHarness, type Harness } from '../helpers/test-server.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
}, 30_000);
afterEach(() => h.closeClients());
afterAll(() => h.server.stop());

describe('connection to a LiveProgress server', () => {
  it('connects with a token in the handshake and reports connecting then connected', async () => {
    const client = h.client({ token: h.token(), autoConnect: false });
    const statuses: ConnectionStatus[] = [];
    client.connection.subscribe(() => statuses.push(client.getStatus()));
    expect(client.getStatus()).toBe('idle');
    client.connect();
    await until(() => client.getStatus() === 'connected', 'connected');
    expect(statuses).toEqual(['connecting', 'connected']);
    expect(client.connection.getSnapshot().socketId).toEqual(expect.any(String));
  });

  it('reports unauthorized with TOKEN_INVALID for a token signed with another secret and stops retrying', async () => {
    const client = h.client({ token: signToken({ sub: 'u', tenantId: 't' }, { secret: 'not-the-server-secret-0123456789-abcdef' }) });
    await until(() => client.getStatus() === 'unauthorized', 'unauthorized');
    const state = client.connection.getSnapshot();
    expect(state.error?.code).toBe('TOKEN_INVALID');
    expect(state.error?.message).toMatch(/setToken/);
    expect(state.nextRetryAt).toBeNull();
    await sleep(1500); // longer than the first backoff step: nothing may have been retried
    expect(client.connection.getSnapshot()).toBe(state);
  });

  it('reports TOKEN_MISSING when no token is given and TENANT_MISSING for a token without a tenant', async () => {
    const none = h.client({});
    const tenantless = h.client({ token: signToken({ sub: 'u' }) });
    await until(() => none.getStatus() === 'unauthorized' && tenantless.getStatus() === 'unauthorized', 'both refused');
    expect(none.connection.getSnapshot().error?.code).toBe('TOKEN_MISSING');
    expect(tenantless.connection.getSnapshot().error?.code).toBe('TENANT_MISSING');
  });

  it('retries an unauthorized refusal with backoff and a fresh token from getToken', async () => {
    const good = h.token();
    let calls = 0;
    const client = h.client({
      getToken: () => (++calls === 1 ? 'garbage' : good),
      reconnection: { initialDelayMs: 100 },
    });
    await until(() => client.getStatus() === 'unauthorized', 'the first refusal');
    expect(client.connection.getSnapshot().nextRetryAt).toEqual(expect.any(Number));
    await until(() => client.getStatus() === 'connected', 'connected with the second token');
    expect(calls).toBe(2);
  });

  it('becomes unauthorized with TOKEN_EXPIRED when a static token expires while connected', async () => {
    const client = h.client({ token: h.token('user-1', h.tenant, { expiresIn: 2 }) });
    await until(() => client.getStatus() === 'connected', 'connected');
    await until(() => client.getStatus() === 'unauthorized', 'expired', 8000);
    expect(client.connection.getSnapshot().error?.code).toBe('TOKEN_EXPIRED');
  }, 15_000);

  it('refreshes a short-lived token with auth.refresh before it expires and keeps the same socket', async () => {
    let calls = 0;
    const client = h.client({
      getToken: () => {
        calls += 1;
        return h.token('user-1', h.tenant, { expiresIn: 3 });
      },
      refreshBeforeExpiryMs: 2000,
    });
    await until(() => client.getStatus() === 'connected', 'connected');
    const socketId = client.connection.getSnapshot().socketId;
    await sleep(5000); // past the first token's expiry
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(client.getStatus()).toBe('connected');
    expect(client.connection.getSnapshot().socketId).toBe(socketId);
  }, 15_000);

  it('reconnects with backoff after the network drops, calling getToken again', async () => {
    const proxy = await startLoopbackProxy(h.server.port);
    try {
      const token = h.token();
      let calls = 0;
      const client = h.client({
        url: proxy.url,
        getToken: () => {
          calls += 1;
          return token;
        },
        reconnection: { initialDelayMs: 200 },
      });
      await until(() => client.getStatus() === 'connected', 'connected');
      const statuses: ConnectionStatus[] = [];
      client.connection.subscribe(() => statuses.push(client.getStatus()));
      proxy.drop(700);
      await until(() => client.getStatus() === 'reconnecting', 'reconnecting');
      await until(() => client.getStatus() === 'connected', 'reconnected', 10_000);
      expect(statuses[0]).toBe('reconnecting');
      expect(statuses.at(-1)).toBe('connected');
      expect(client.connection.getSnapshot().attempt).toBe(0);
      expect(calls).toBeGreaterThanOrEqual(2);
    } finally {
      await proxy.close();
    }
  }, 20_000);

  it('stays disconnected after disconnect() and comes back on connect()', async () => {
    const client = h.client({ token: h.token() });
    await until(() => client.getStatus() === 'connected', 'connected');
    client.disconnect();
    expect(client.getStatus()).toBe('disconnected');
    await sleep(1200);
    expect(client.getStatus()).toBe('disconnected');
    client.connect();
    await until(() => client.getStatus() === 'connected', 'connected again');
  });

  it('leaves no socket or timer open after close()', async () => {
    const resources = () => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'Timeout').length;
    await sleep(50);
    const before = resources();
    const client = h.client({ token: h.token(), refreshBeforeExpiryMs: 10_000, getToken: undefined });
    await until(() => client.getStatus() === 'connected', 'connected');
    client.watchOperation('whatever');
    client.subscribeToEvent('*', () => undefined);
    expect(resources()).toBeGreaterThan(before);
    client.close();
    await until(() => resources() <= before, 'every handle released', 3000);
    expect(client.getActiveSubscriptions()).toEqual({ events: [], tables: [], operations: [] });
  });
});
