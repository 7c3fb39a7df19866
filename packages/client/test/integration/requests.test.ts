import { sleep, until } from '@liveprogress/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LiveProgressClientError, OperationListStore, type LiveProgressClient, type OperationListState } from '../../src/index.js';
import { startHarness, type Harness } from '../helpers/test-server.js';

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startHarness();
  token = h.token('lister');
}, 30_000);
afterEach(() => h.closeClients());
afterAll(() => h.server.stop());

async function connectedClient(): Promise<LiveProgressClient> {
  const client = h.client({ token });
  await until(() => client.getStatus() === 'connected', 'connected');
  return client;
}

async function rejection(promise: Promise<unknown>): Promise<LiveProgressClientError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LiveProgressClientError);
  return error as LiveProgressClientError;
}

describe('requests against a LiveProgress server', () => {
  it('lists what the caller may see, newest first, filtered by status and type', async () => {
    const client = await connectedClient();
    const older = await h.start(token, { simulate: { durationMs: 100 } });
    await sleep(20); // distinct createdAt
    const newer = await h.start(token, { simulate: { durationMs: 5000 } });
    await sleep(400);
    const all = await client.listOperations();
    const ids = all.map((operation) => operation.operationId);
    expect(ids.indexOf(newer)).toBeLessThan(ids.indexOf(older));
    const running = await client.listOperations({ status: 'running', operationType: 'generic' });
    expect(running.map((operation) => operation.operationId)).toContain(newer);
    expect(running.map((operation) => operation.operationId)).not.toContain(older);
    expect(await client.listOperations({ limit: 1 })).toHaveLength(1);
    await client.cancel(newer);
  });

  it('rejects an invalid list filter with INVALID_PAYLOAD', async () => {
    const client = await connectedClient();
    const error = await rejection(client.listOperations({ limit: 1000 }));
    expect(error.code).toBe('INVALID_PAYLOAD');
  });

  it('cancels a running operation, which then ends as cancelled with CANCELLED', async () => {
    const client = await connectedClient();
    const operationId = await h.start(token, { simulate: { durationMs: 5000 } });
    client.watchOperation(operationId);
    await until(() => client.operations.getSnapshot(operationId).subscription === 'subscribed', 'subscribed');
    await client.cancel(operationId);
    const state = await until(() => {
      const current = client.operations.getSnapshot(operationId);
      return current.isTerminal && current;
    }, 'the cancelled end');
    expect(state.snapshot?.status).toBe('cancelled');
    expect(state.snapshot?.error?.code).toBe('CANCELLED');
    expect(state.lastEvent).toMatchObject({ event: 'progress.failed', status: 'cancelled' });
    expect((await rejection(client.cancel(operationId))).code).toBe('NOT_CANCELLABLE');
  });

  it('deletes a finished operation with deleteOperation, refusing OPERATION_RUNNING while it runs and NOT_FOUND once it is gone', async () => {
    const client = await connectedClient();
    const operationId = await h.start(token, { simulate: { durationMs: 5000 } });
    expect((await rejection(client.deleteOperation(operationId))).code).toBe('OPERATION_RUNNING');
    await client.cancel(operationId);
    await client.deleteOperation(operationId);
    expect((await client.listOperations()).map((operation) => operation.operationId)).not.toContain(operationId);
    const gone = await rejection(client.deleteOperation(operationId));
    expect(gone.code).toBe('NOT_FOUND');
    expect(gone.message).toContain('operation.delete');
  });

  it('answers NOT_FOUND when cancelling an operation the caller may not see', async () => {
    const client = await connectedClient();
    const error = await rejection(client.cancel('no-such-operation'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('operation.cancel');
  });

  it('rejects requests with DISCONNECTED when there is no connection', async () => {
    const client = h.client({ token, autoConnect: false });
    expect((await rejection(client.listOperations())).code).toBe('DISCONNECTED');
  });

  it('keeps a live operation list: lists on connect, adds a watched operation, follows it to its end', async () => {
    const client = await connectedClient();
    const list = new OperationListStore(client, { operationType: 'generic', refreshOnTables: ['my_operations'] });
    const states: OperationListState[] = [];
    const off = list.subscribe(() => states.push(list.getSnapshot()));
    await until(() => list.getSnapshot().status === 'ready', 'the first listing');
    const operationId = await h.start(token, { name: 'listed', simulate: { durationMs: 600 } });
    const row = await until(() => list.getSnapshot().operations.find((operation) => operation.operationId === operationId), 'the new row');
    expect(row.name).toBe('listed');
    const done = await until(
      () => list.getSnapshot().operations.find((operation) => operation.operationId === operationId && operation.status === 'completed'),
      'the row to complete',
    );
    expect(done.progress).toBe(100);
    expect(list.getSnapshot()).toBe(list.getSnapshot());
    off();
    await until(() => client.getActiveSubscriptions().tables.length === 0 && client.getActiveSubscriptions().operations.length === 0, 'the list to let go');
    expect(states.length).toBeGreaterThan(0);
  });
});
