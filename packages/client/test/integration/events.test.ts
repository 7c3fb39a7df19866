import { until } from '@liveprogress/test-support';
import type { SystemAlertPayload, TableRefreshPayload } from '@liveprogress/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../helpers/test-server.js';

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startHarness();
  token = h.token();
}, 30_000);
afterEach(() => h.closeClients());
afterAll(() => h.server.stop());

describe('event subscriptions against a LiveProgress server', () => {
  it('routes the toasts and table refreshes of an operation to a platform.* wildcard handler', async () => {
    const client = h.client({ token });
    await until(() => client.getStatus() === 'connected', 'connected');
    const seen: { event: string; data: unknown }[] = [];
    client.subscribeToEvent('platform.*', (data, event) => seen.push({ event, data }));
    const operationId = await h.start(token, { name: 'noisy', simulate: { durationMs: 200 } });
    await until(() => seen.filter((entry) => entry.event === 'platform.table.refresh').length >= 2, 'created and completed refreshes');
    const toasts = seen.filter((entry) => entry.event === 'platform.system.alert').map((entry) => (entry.data as SystemAlertPayload).toast);
    expect(toasts.map((toast) => toast.type)).toContain('info');
    const refreshes = seen.filter((entry) => entry.event === 'platform.table.refresh').map((entry) => entry.data as TableRefreshPayload);
    expect(refreshes[0]).toMatchObject({ type: 'table_refresh', table: 'my_operations', action: 'created', affectedIds: [operationId] });
    expect(seen.every((entry) => entry.event.startsWith('platform.'))).toBe(true);
  });

  it('calls table refresh handlers for their table only, and not after offTableRefresh', async () => {
    const client = h.client({ token });
    await until(() => client.getStatus() === 'connected', 'connected');
    const mine: TableRefreshPayload[] = [];
    let other = 0;
    const id = client.onTableRefresh('my_operations', (event) => mine.push(event));
    client.onTableRefresh('somebody_elses_table', () => other++);
    await h.start(token, { simulate: { durationMs: 200 } });
    await until(() => mine.some((event) => event.action === 'completed'), 'the completed refresh');
    expect(other).toBe(0);
    client.offTableRefresh(id);
    expect(client.getActiveSubscriptions().tables.map((entry) => entry.id)).not.toContain(id);
    const before = mine.length;
    await h.start(token, { simulate: { durationMs: 100 } });
    const probe: TableRefreshPayload[] = [];
    client.onTableRefresh('my_operations', (event) => probe.push(event));
    await until(() => probe.some((event) => event.action === 'completed'), 'the second completed refresh');
    expect(mine.length).toBe(before);
  });

  it('sees progress events of watched operations through a * handler, and nothing after unsubscribeFromEvent', async () => {
    const client = h.client({ token });
    await until(() => client.getStatus() === 'connected', 'connected');
    const names: string[] = [];
    const id = client.subscribeToEvent('*', (_data, event) => names.push(event));
    const operationId = await h.start(token, { simulate: { durationMs: 300 } });
    client.watchOperation(operationId);
    await until(() => client.operations.getSnapshot(operationId).isTerminal, 'the end');
    await until(() => names.includes('progress.completed'), 'the completed event');
    expect(names).toContain('progress.updated');
    expect(client.getActiveSubscriptions().events).toEqual([{ id, pattern: '*' }]);
    client.unsubscribeFromEvent(id);
    const count = names.length;
    const next = await h.start(token, { simulate: { durationMs: 100 } });
    client.watchOperation(next);
    await until(() => client.operations.getSnapshot(next).isTerminal, 'the second end');
    expect(names.length).toBe(count);
  });

  it('does not deliver another user’s events', async () => {
    const other = h.client({ token: h.token('someone-else') });
    await until(() => other.getStatus() === 'connected', 'connected');
    const names: string[] = [];
    other.subscribeToEvent('*', (_data, event) => names.push(event));
    const mine = h.client({ token });
    await until(() => mine.getStatus() === 'connected', 'connected');
    const refreshes: string[] = [];
    mine.onTableRefresh('my_operations', (event) => refreshes.push(event.action));
    await h.start(token, { simulate: { durationMs: 100 } });
    await until(() => refreshes.includes('completed'), 'my own completed refresh');
    expect(names).toEqual([]);
  });
});
