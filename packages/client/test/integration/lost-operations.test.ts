import { randomUUID } from 'node:crypto';
import { Rooms } from '@liveprogress/protocol';
import { until } from '@liveprogress/test-support';
import { startTestServer, type TestServer } from '@liveprogress/test-support/server';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveProgressClient, OperationListStore, type TransportKind } from '../../src/index.js';
import { httpFallback } from '../../src/fallback.js';

const tenant = `tenant-${randomUUID().slice(0, 8)}`;
const servers: TestServer[] = [];
const clients: LiveProgressClient[] = [];
afterEach(async () => {
  for (const client of clients.splice(0)) client.close();
  await Promise.all(servers.splice(0).map((server) => server.stop()));
});

async function server(port?: number): Promise<TestServer> {
  const started = await startTestServer({}, { port });
  servers.push(started);
  return started;
}

/** An in-memory server that stops and starts again on the same port, having forgotten every operation. */
async function restart(old: TestServer): Promise<TestServer> {
  // As a process that dies would: open streams are cut rather than waited for.
  old.app.getHttpServer().closeAllConnections();
  await old.stop();
  return server(old.port);
}

function client(at: TestServer, transport: TransportKind): LiveProgressClient {
  const made = new LiveProgressClient({
    url: at.url,
    token: at.token('ann', tenant),
    notify: 'microtask',
    onError: () => undefined,
    reconnection: { initialDelayMs: 50, maxDelayMs: 200, jitter: 0 },
    fallback: httpFallback({ transportOrder: [transport], pollIntervalMs: 100 }),
  });
  clients.push(made);
  return made;
}

describe('an operation the server no longer has', () => {
  it.each(['socket', 'sse', 'polling'] as const)(
    'is lost on %s when the in-memory server restarts without it',
    async (transport) => {
      const first = await server();
      const handle = first.operations.start({ operationType: 'report', name: 'Quarterly', userId: 'ann', tenantId: tenant });
      handle.update({ stage: 'reading', progress: 40, message: 'Reading' });
      await handle.flushed();
      const followed = client(first, transport);
      followed.watchOperation(handle.id);
      await until(() => followed.operations.getSnapshot(handle.id).snapshot?.progress === 40, 'the first snapshot');
      expect(followed.operations.getSnapshot(handle.id).isLost).toBe(false);

      await restart(first);
      const state = await until(
        () => {
          const current = followed.operations.getSnapshot(handle.id);
          return current.isLost && current;
        },
        'the operation to be lost',
        15_000,
      );

      expect(state.subscription).toBe('lost');
      expect(state.error?.code).toBe('NOT_FOUND');
      // The last known state stays for display; it is not mistaken for an ending.
      expect(state.snapshot).toMatchObject({ operationId: handle.id, status: 'running', progress: 40 });
      expect(state.isTerminal).toBe(false);
      expect(followed.getStatus()).toBe('connected');
      expect(followed.getActiveSubscriptions().operations).toEqual([expect.objectContaining({ operationId: handle.id, subscription: 'lost' })]);
    },
    30_000,
  );

  it('is lost when operation.deleted arrives on the socket, and nothing is applied after it', async () => {
    const at = await server();
    const handle = at.operations.start({ operationType: 'report', userId: 'ann', tenantId: tenant });
    handle.update({ progress: 10 });
    await handle.flushed();
    const followed = client(at, 'socket');
    const heard: string[] = [];
    followed.subscribeToEvent('operation.deleted', (payload: { operationId: string }) => heard.push(payload.operationId));
    followed.watchOperation(handle.id);
    await until(() => followed.operations.getSnapshot(handle.id).subscription === 'subscribed', 'subscribed');

    await at.ws.sendToRooms('operation.deleted', { operationId: handle.id }, [Rooms.operation(handle.id)]);
    const state = await until(() => {
      const current = followed.operations.getSnapshot(handle.id);
      return current.isLost && current;
    }, 'the operation to be lost');
    expect(state.error).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('deleted') });
    expect(heard).toEqual([handle.id]);

    handle.update({ progress: 90 });
    await handle.flushed();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(followed.operations.getSnapshot(handle.id)).toBe(state);
  });

  it('is lost from the start when the first subscribe answers NOT_FOUND', async () => {
    const at = await server();
    const followed = client(at, 'socket');
    followed.watchOperation('never-was');
    const state = await until(() => {
      const current = followed.operations.getSnapshot('never-was');
      return current.subscription !== 'subscribing' && current.subscription !== 'idle' && current;
    }, 'an answer');
    expect(state).toMatchObject({ subscription: 'lost', isLost: true, snapshot: null, error: { code: 'NOT_FOUND' } });
  });

  it('drops a lost operation from a live operation list', async () => {
    const first = await server();
    const kept = first.operations.start({ operationType: 'report', userId: 'ann', tenantId: tenant });
    await kept.flushed();
    const followed = client(first, 'socket');
    const list = new OperationListStore(followed, { limit: 10 });
    const off = list.subscribe(() => undefined);
    await until(() => list.getSnapshot().operations.length === 1, 'the listed operation');

    const second = await restart(first);
    const fresh = second.operations.start({ operationType: 'report', userId: 'ann', tenantId: tenant });
    await fresh.flushed();
    await until(
      () =>
        list
          .getSnapshot()
          .operations.map((operation) => operation.operationId)
          .join() === fresh.id,
      'the list without the lost operation',
      15_000,
    );
    off();
    list.dispose();
  }, 30_000);
});
