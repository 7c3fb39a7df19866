import { countOf, sleep, startLoopbackProxy, until } from '@liveprogress/test-support';
import type { StoredEvent } from '@liveprogress/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LiveProgressClient } from '../../src/index.js';
import { startHarness, type Harness } from '../helpers/test-server.js';

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startHarness();
  token = h.token();
}, 30_000);
afterEach(() => h.closeClients());
afterAll(() => h.server.stop());

async function connected(client: LiveProgressClient): Promise<LiveProgressClient> {
  await until(() => client.getStatus() === 'connected', 'connected');
  return client;
}

/** Seqs must run 1, 2, 3… (or on from the first one seen) with no hole and no repeat. */
function expectContiguous(events: StoredEvent[]): void {
  const seqs = events.map((event) => event.seq);
  expect(seqs.length).toBeGreaterThan(0);
  expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
}

describe('following operations on a LiveProgress server', () => {
  it('follows an operation to completion, applying every event once and in order', async () => {
    const client = await connected(h.client({ token }));
    const operationId = await h.start(token, { name: 'to completion', simulate: { durationMs: 800 } });
    const events: StoredEvent[] = [];
    client.operations.onEvent(operationId, (event) => events.push(event));
    client.watchOperation(operationId);
    const state = await until(() => {
      const current = client.operations.getSnapshot(operationId);
      return current.isTerminal && current;
    }, 'the operation to finish');
    expect(state.snapshot).toMatchObject({ operationId, status: 'completed', progress: 100, name: 'to completion', operationType: 'generic' });
    expect(state.lastEvent?.event).toBe('progress.completed');
    expect(state.error).toBeNull();
    expectContiguous(events);
    expect(events.filter((event) => event.event !== 'progress.updated')).toHaveLength(1);
    const progress = events.map((event) => event.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));
    expect(state.snapshot?.seq).toBe(events.at(-1)?.seq);
  });

  it('follows an operation to failure at the requested stage and reports no later stage', async () => {
    const client = await connected(h.client({ token }));
    const operationId = await h.start(token, { simulate: { durationMs: 800, failAtStage: 'validation' } });
    const events: StoredEvent[] = [];
    client.operations.onEvent(operationId, (event) => events.push(event));
    client.watchOperation(operationId);
    const state = await until(() => {
      const current = client.operations.getSnapshot(operationId);
      return current.isTerminal && current;
    }, 'the operation to fail');
    expect(state.snapshot?.status).toBe('failed');
    expect(state.snapshot?.error?.message).toEqual(expect.any(String));
    expect(state.lastEvent?.event).toBe('progress.failed');
    const stages = events.flatMap((event) => (event.event === 'progress.updated' && event.stage ? [event.stage] : []));
    expect(stages).not.toContain('completion');
    expect(state.snapshot?.progress).toBeLessThan(100);
  });

  it.each([
    ['an upload with files and stages, to completion', '/api/files/upload', { simulate: { durationMs: 1200 } }, false],
    ['a batch with items, cancelled', '/api/batch/process', { items: 4, simulate: { durationMs: 4000 } }, true],
  ] as const)('folds the events of %s into exactly the snapshot the server stored', async (_what, endpoint, body, cancel) => {
    const client = await connected(h.client({ token }));
    const operationId = await h.start(token, body, endpoint);
    const events: StoredEvent[] = [];
    client.operations.onEvent(operationId, (event) => events.push(event));
    client.watchOperation(operationId);
    if (cancel) {
      await until(() => client.operations.getSnapshot(operationId).snapshot?.tasks?.length, 'the first tasks');
      await client.cancel(operationId);
    }
    const state = await until(() => {
      const current = client.operations.getSnapshot(operationId);
      return current.isTerminal && current;
    }, 'the operation to end');
    const res = await fetch(`${h.server.url}/api/v1/operations/${encodeURIComponent(operationId)}`, { headers: { authorization: `Bearer ${token}` } });
    const stored = (await res.json()) as unknown;
    expect(events.length).toBeGreaterThan(1); // the snapshot below was folded, not adopted whole
    expect(state.snapshot).toEqual(stored);
    expect(state.snapshot?.status).toBe(cancel ? 'cancelled' : 'completed');
    const tasks = state.snapshot?.tasks ?? [];
    expect(tasks.length).toBeGreaterThan(0);
    if (!cancel) expect(tasks.every((task) => task.status === 'completed' && task.progress === 100)).toBe(true);
    if (!cancel) expect(state.snapshot).toMatchObject({ completedTasks: tasks.length, totalTasks: tasks.length, step: state.snapshot?.totalSteps });
  });

  it('answers NOT_FOUND for an operation of another tenant, exactly as for one that does not exist', async () => {
    const client = await connected(h.client({ token: h.token('intruder', `${h.tenant}-other`) }));
    const operationId = await h.start(token, { simulate: { durationMs: 2000 } });
    client.watchOperation(operationId);
    client.watchOperation('does-not-exist');
    await until(() => client.operations.getSnapshot(operationId).subscription === 'lost', 'a refusal');
    await until(() => client.operations.getSnapshot('does-not-exist').subscription === 'lost', 'a refusal');
    expect(client.operations.getSnapshot(operationId).error?.code).toBe('NOT_FOUND');
    expect(client.operations.getSnapshot('does-not-exist').error?.code).toBe('NOT_FOUND');
    expect(client.operations.getSnapshot(operationId).snapshot).toBeNull();
  });

  it('shares one server subscription between two watchers; one leaving does not starve the other', async () => {
    const proxy = await startLoopbackProxy(h.server.port);
    try {
      // Long-polling keeps the client's frames readable on the wire, so the proxy can count them.
      const client = await connected(h.client({ token, url: proxy.url, transports: ['polling'] }));
      const operationId = await h.start(token, { simulate: { durationMs: 1500 } });
      const releaseA = client.watchOperation(operationId);
      const releaseB = client.watchOperation(operationId);
      expect(client.getActiveSubscriptions().operations).toEqual([expect.objectContaining({ operationId, refCount: 2 })]);
      await until(() => client.operations.getSnapshot(operationId).subscription === 'subscribed', 'subscribed');
      releaseA();
      const seqAfterRelease = client.operations.getSnapshot(operationId).snapshot!.seq;
      const state = await until(() => {
        const current = client.operations.getSnapshot(operationId);
        return current.isTerminal && current;
      }, 'the remaining watcher to see the end');
      expect(state.snapshot!.seq).toBeGreaterThan(seqAfterRelease);
      expect(countOf(proxy.sentText(), '"operation.subscribe"')).toBe(1);
      expect(countOf(proxy.sentText(), '"operation.unsubscribe"')).toBe(0);
      releaseB();
      await until(() => countOf(proxy.sentText(), '"operation.unsubscribe"') === 1, 'the unsubscribe on the wire');
      expect(client.getActiveSubscriptions().operations).toEqual([]);
    } finally {
      await proxy.close();
    }
  }, 20_000);

  it('recovers the events it missed while the network was down, with no hole and no repeat', async () => {
    const proxy = await startLoopbackProxy(h.server.port);
    try {
      const client = await connected(h.client({ token, url: proxy.url, reconnection: { initialDelayMs: 300, jitter: 0 } }));
      const operationId = await h.start(token, { simulate: { durationMs: 3000 } });
      const events: StoredEvent[] = [];
      client.operations.onEvent(operationId, (event) => events.push(event));
      client.watchOperation(operationId);
      await until(() => events.length >= 1, 'the first live event');
      const seenBeforeDrop = events.length;
      const droppedAt = Date.now();
      proxy.drop(1000);
      await until(() => client.getStatus() === 'reconnecting', 'reconnecting');
      expect(client.operations.getSnapshot(operationId).subscription).toBe('resubscribing');
      await until(() => client.getStatus() === 'connected', 'reconnected', 10_000);
      const backAt = Date.now();
      const state = await until(
        () => {
          const current = client.operations.getSnapshot(operationId);
          return current.isTerminal && current;
        },
        'the end after reconnecting',
        15_000,
      );
      expect(state.recovered).toBe(true);
      expect(state.snapshot?.status).toBe('completed');
      expect(events.length).toBeGreaterThan(seenBeforeDrop);
      // Events stamped while the network was down can only have come from the ack's replay.
      expect(events.filter((event) => event.timestamp > droppedAt + 50 && event.timestamp < backAt - 50).length).toBeGreaterThan(0);
      expectContiguous(events);
    } finally {
      await proxy.close();
    }
  }, 25_000);

  it('re-subscribes with afterSeq after disconnect() and connect() and reports the gap recovered', async () => {
    const client = await connected(h.client({ token }));
    const operationId = await h.start(token, { simulate: { durationMs: 2000 } });
    const events: StoredEvent[] = [];
    client.operations.onEvent(operationId, (event) => events.push(event));
    client.watchOperation(operationId);
    await until(() => events.length >= 1, 'the first live event');
    client.disconnect();
    const awayFrom = Date.now();
    const seqWhileAway = client.operations.getSnapshot(operationId).snapshot!.seq;
    await sleep(700);
    const awayUntil = Date.now();
    client.connect();
    const state = await until(() => {
      const current = client.operations.getSnapshot(operationId);
      return current.isTerminal && current;
    }, 'the end');
    expect(state.recovered).toBe(true);
    expect(state.snapshot!.seq).toBeGreaterThan(seqWhileAway);
    expect(events.filter((event) => event.timestamp > awayFrom && event.timestamp < awayUntil).length).toBeGreaterThan(0);
    expectContiguous(events);
  }, 15_000);

  it('keeps the snapshot object identical between changes, for useSyncExternalStore', async () => {
    const client = await connected(h.client({ token }));
    const operationId = await h.start(token, { simulate: { durationMs: 300 } });
    client.watchOperation(operationId);
    await until(() => client.operations.getSnapshot(operationId).isTerminal, 'the end');
    const first = client.operations.getSnapshot(operationId);
    await sleep(100);
    expect(client.operations.getSnapshot(operationId)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });
});
