import { sleep, startLoopbackProxy, until, type LoopbackProxy } from '@liveprogress/test-support';
import type { StoredEvent } from '@liveprogress/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionState, LiveProgressClient, OperationState } from '../../src/index.js';
import { httpFallback } from '../../src/fallback.js';
import { watchClientTimers } from '../helpers/client-timers.js';
import { startHarness, type Harness } from '../helpers/test-server.js';

import { serverEvents, serverSnapshot } from '../helpers/server-history.js';

const SOCKET_IO = /^\/socket\.io\//;
const STREAM = /^\/api\/v1\/operations\/[^/?]+\/stream/;
const SNAPSHOT = /^\/api\/v1\/operations\/[^/?]+$/;

let h: Harness;
let token: string;
let proxy: LoopbackProxy;
const proxies: LoopbackProxy[] = [];
beforeAll(async () => {
  h = await startHarness();
  token = h.token();
}, 30_000);
afterEach(async () => {
  h.closeClients();
  await Promise.all(proxies.splice(0).map((open) => open.close()));
});
afterAll(() => h.server.stop());

async function startProxy(): Promise<LoopbackProxy> {
  const started = await startLoopbackProxy(h.server.port);
  proxies.push(started);
  return started;
}

/** Quick retries so three failures take well under a second; the probe is off unless a test turns it on. */
function fallbackClient(options: { socketProbeIntervalMs?: number } = {}): LiveProgressClient {
  return h.client({
    token,
    url: proxy.url,
    reconnection: { initialDelayMs: 50, maxDelayMs: 200, jitter: 0 },
    fallback: httpFallback({ afterFailures: 3, pollIntervalMs: 200, socketProbeIntervalMs: options.socketProbeIntervalMs ?? 0 }),
  });
}

/** Every connection state the client publishes, in order. */
function recordStates(client: LiveProgressClient): ConnectionState[] {
  const states = [client.connection.getSnapshot()];
  client.connection.subscribe(() => states.push(client.connection.getSnapshot()));
  return states;
}

/** Watches an operation and records each applied event, plus the seq of the first snapshot the client had. */
function follow(client: LiveProgressClient, operationId: string): { events: StoredEvent[]; firstSnapshotSeq: () => number | undefined } {
  const events: StoredEvent[] = [];
  let first: number | undefined;
  client.operations.onEvent(operationId, (event) => events.push(event));
  client.operations.subscribe(() => {
    first ??= client.operations.getSnapshot(operationId).snapshot?.seq;
  }, operationId);
  client.watchOperation(operationId);
  return { events, firstSnapshotSeq: () => first };
}

function finished(client: LiveProgressClient, operationId: string, timeoutMs = 15_000): Promise<OperationState> {
  return until(
    () => {
      const state = client.operations.getSnapshot(operationId);
      return (state.isTerminal || state.error) && state;
    },
    `operation ${operationId} to finish`,
    timeoutMs,
  );
}

/** No hole, no repeat: the seqs run on by one from the first applied event to the last. */
function expectContiguous(events: StoredEvent[]): void {
  const seqs = events.map((event) => event.seq);
  expect(seqs.length).toBeGreaterThan(0);
  expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
}

describe('transport fallback against a LiveProgress server', () => {
  it('follows an operation to its end over SSE when the Socket.IO path is refused, missing no event', async () => {
    proxy = await startProxy();
    proxy.block(SOCKET_IO);
    const client = fallbackClient();
    const states = recordStates(client);
    await until(() => client.getTransport() === 'sse' && client.getStatus() === 'connected', 'connected over SSE');
    // The socket was given its three tries, and failed them as unreachable, not as unauthorized.
    expect(proxy.seen(SOCKET_IO).length).toBeGreaterThanOrEqual(3);
    const socketStates = states.filter((state) => state.transport === 'socket');
    expect(socketStates.some((state) => state.status === 'reconnecting' && state.error?.code === 'CONNECTION_FAILED')).toBe(true);
    expect(states.at(-1)).toMatchObject({ status: 'connected', transport: 'sse', error: null });

    const operationId = await h.start(token, { simulate: { durationMs: 1500 } });
    const { events, firstSnapshotSeq } = follow(client, operationId);
    const state = await finished(client, operationId);

    expect(state.error).toBeNull();
    expect(state.snapshot).toEqual(await serverSnapshot(h.server.url, token, operationId));
    expect(state.lastEvent?.event).toBe('progress.completed');
    expectContiguous(events);
    expect(events[0]!.seq).toBeLessThanOrEqual(firstSnapshotSeq()! + 1);
    // Exactly the server's events from there on, content included.
    const history = await serverEvents(h.server.url, token, operationId);
    expect(events).toEqual(history.filter((event) => event.seq >= events[0]!.seq));
    expect(proxy.seen(STREAM).length).toBeGreaterThanOrEqual(1);
    expect(client.getTransport()).toBe('sse');
  }, 30_000);

  it('follows an operation to its exact final state over polling when the socket and the SSE stream are both refused', async () => {
    proxy = await startProxy();
    proxy.block(SOCKET_IO);
    proxy.block(STREAM);
    const client = fallbackClient();
    const states = recordStates(client);
    const operationId = await h.start(token, { simulate: { durationMs: 1500 } });
    client.watchOperation(operationId);
    await until(() => client.getTransport() === 'polling' && client.getStatus() === 'connected', 'connected over polling', 15_000);
    // SSE was reached (its probe answered) but its stream was refused, three times, before polling took over.
    expect(proxy.seen(STREAM).filter((request) => request.refused).length).toBeGreaterThanOrEqual(3);
    expect(states.map((state) => state.transport)).toEqual(expect.arrayContaining(['socket', 'sse', 'polling']));
    const seenStates = states.filter((state) => state.transport === 'sse').map((state) => state.status);
    expect(seenStates).toContain('connected');
    expect(seenStates).toContain('reconnecting');

    const state = await finished(client, operationId);
    expect(state.error).toBeNull();
    expect(state.isTerminal).toBe(true);
    // The snapshot is the server's own: the final state is exact even though events in between were skipped.
    expect(state.snapshot).toEqual(await serverSnapshot(h.server.url, token, operationId));
    expect(state.snapshot?.status).toBe('completed');
    expect(proxy.seen(SNAPSHOT).length).toBeGreaterThanOrEqual(2);
    expect(client.getTransport()).toBe('polling');
  }, 30_000);

  it('returns from SSE to the socket once it is reachable again and keeps following with no hole', async () => {
    proxy = await startProxy();
    proxy.block(SOCKET_IO);
    const client = fallbackClient({ socketProbeIntervalMs: 300 });
    await until(() => client.getTransport() === 'sse' && client.getStatus() === 'connected', 'connected over SSE');
    const operationId = await h.start(token, { simulate: { durationMs: 3000 } });
    const { events } = follow(client, operationId);
    await until(() => events.length >= 2, 'events over SSE');
    const seqOverSse = events.at(-1)!.seq;
    const probesWhileBlocked = proxy.seen(SOCKET_IO).length;

    proxy.unblock(SOCKET_IO);
    await until(() => client.getTransport() === 'socket' && client.getStatus() === 'connected', 'back on the socket');
    expect(client.connection.getSnapshot().socketId).toEqual(expect.any(String));
    expect(probesWhileBlocked).toBeGreaterThan(3); // the probe kept trying while the socket was refused
    const state = await finished(client, operationId);

    expect(state.snapshot).toEqual(await serverSnapshot(h.server.url, token, operationId));
    expect(state.recovered).toBe(true);
    expect(events.at(-1)!.seq).toBeGreaterThan(seqOverSse);
    expectContiguous(events);
    // The SSE stream was closed when the socket took over.
    await until(() => proxy.open(STREAM) === 0, 'the SSE stream closed');
  }, 30_000);

  it('returns from polling to the socket and from then on applies every event, in order', async () => {
    proxy = await startProxy();
    proxy.block(SOCKET_IO);
    proxy.block(STREAM);
    const client = fallbackClient({ socketProbeIntervalMs: 300 });
    const operationId = await h.start(token, { simulate: { durationMs: 4000 } });
    // SSE fails on its streams, so there must be an operation to stream before polling takes over.
    const { events } = follow(client, operationId);
    await until(() => client.getTransport() === 'polling' && client.getStatus() === 'connected', 'connected over polling', 15_000);
    const polledSeq = await until(() => client.operations.getSnapshot(operationId).snapshot?.seq, 'a polled snapshot');
    expect(events).toEqual([]); // polling carries no events

    proxy.unblock(SOCKET_IO);
    await until(() => client.getTransport() === 'socket' && client.getStatus() === 'connected', 'back on the socket');
    const state = await finished(client, operationId);
    expect(state.snapshot).toEqual(await serverSnapshot(h.server.url, token, operationId));
    expect(state.recovered).toBe(true);
    expect(state.lastEvent?.event).toBe('progress.completed');
    expectContiguous(events);
    expect(events[0]!.seq).toBeGreaterThan(polledSeq);
    const history = await serverEvents(h.server.url, token, operationId);
    expect(events).toEqual(history.filter((event) => event.seq >= events[0]!.seq));
  }, 30_000);
});

describe('SSE and polling on their own', () => {
  it('follows an operation over SSE alone with transportOrder ["sse"] and never touches Socket.IO', async () => {
    proxy = await startProxy();
    const client = h.client({ token, url: proxy.url, fallback: httpFallback({ transportOrder: ['sse'] }) });
    expect(client.connection.getSnapshot().transport).toBe('sse');
    const operationId = await h.start(token, { simulate: { durationMs: 800 } });
    const { events } = follow(client, operationId);
    const state = await finished(client, operationId);
    expect(state.snapshot).toEqual(await serverSnapshot(h.server.url, token, operationId));
    expectContiguous(events);
    expect(proxy.seen(SOCKET_IO)).toEqual([]);
    // The token travels in the Authorization header, never in the URL.
    const [stream] = proxy.seen(STREAM);
    expect(stream?.headers.authorization).toBe(`Bearer ${token}`);
    expect(stream?.path).not.toContain('access_token');
  });

  it('follows an operation over polling alone with transportOrder ["polling"], at the configured interval', async () => {
    proxy = await startProxy();
    const client = h.client({ token, url: proxy.url, fallback: httpFallback({ transportOrder: ['polling'], pollIntervalMs: 100 }) });
    const operationId = await h.start(token, { simulate: { durationMs: 800 } });
    client.watchOperation(operationId);
    const startedAt = Date.now();
    const state = await finished(client, operationId);
    const polls = proxy.seen(SNAPSHOT).length;
    expect(state.snapshot).toEqual(await serverSnapshot(h.server.url, token, operationId));
    expect(proxy.seen(SOCKET_IO)).toEqual([]);
    expect(proxy.seen(STREAM)).toEqual([]);
    // About one request per 100 ms (plus the first): far more than the default 1 s would make.
    expect(polls).toBeGreaterThanOrEqual(Math.floor((Date.now() - startedAt) / 200));
  });

  it('resumes a cut SSE stream with Last-Event-ID and applies every event once', async () => {
    proxy = await startProxy();
    const client = h.client({ token, url: proxy.url, fallback: httpFallback({ transportOrder: ['sse'] }), reconnection: { initialDelayMs: 200, jitter: 0 } });
    const operationId = await h.start(token, { simulate: { durationMs: 2500 } });
    const { events } = follow(client, operationId);
    await until(() => events.length >= 2, 'the first events');
    proxy.cut(STREAM);
    await until(() => client.getStatus() === 'reconnecting', 'reconnecting after the cut');
    const state = await finished(client, operationId);

    const resumed = proxy.seen(STREAM).filter((request) => request.headers['last-event-id'] !== undefined);
    expect(resumed.length).toBeGreaterThanOrEqual(1);
    expect(Number(resumed[0]!.headers['last-event-id'])).toBeGreaterThanOrEqual(events[1]!.seq);
    expect(state.recovered).toBe(true);
    expect(state.snapshot).toEqual(await serverSnapshot(h.server.url, token, operationId));
    expectContiguous(events);
    expect(events.at(-1)?.event).toBe('progress.completed');
  }, 20_000);

  it('reports NOT_FOUND over SSE for an operation of another tenant, without falling back', async () => {
    const client = h.client({ token: h.token('intruder', `${h.tenant}-other`), fallback: httpFallback({ transportOrder: ['sse', 'polling'] }) });
    const operationId = await h.start(token, { simulate: { durationMs: 1000 } });
    client.watchOperation(operationId);
    await until(() => client.operations.getSnapshot(operationId).subscription === 'lost', 'a refusal');
    expect(client.operations.getSnapshot(operationId).error?.code).toBe('NOT_FOUND');
    expect(client.connection.getSnapshot()).toMatchObject({ status: 'connected', transport: 'sse' });
  });

  it('becomes unauthorized over SSE for a refused token, stops there and does not fall back', async () => {
    const client = h.client({ token: 'not-a-jwt', fallback: httpFallback({ transportOrder: ['sse', 'polling'] }), reconnection: { initialDelayMs: 50 } });
    await until(() => client.getStatus() === 'unauthorized', 'unauthorized');
    const state = client.connection.getSnapshot();
    expect(state).toMatchObject({ transport: 'sse', nextRetryAt: null });
    expect(state.error?.code).toBe('TOKEN_INVALID');
    await sleep(300);
    expect(client.connection.getSnapshot()).toBe(state);
    await client.setToken(token);
    await until(() => client.getStatus() === 'connected', 'connected with the new token');
    expect(client.getTransport()).toBe('sse');
  });

  it('lists and cancels over HTTP while on polling', async () => {
    const client = h.client({ token, fallback: httpFallback({ transportOrder: ['polling'] }) });
    await until(() => client.getStatus() === 'connected', 'connected');
    const operationId = await h.start(token, { simulate: { durationMs: 5000 } });
    const listed = await client.listOperations({ status: 'running', limit: 100 });
    expect(listed.map((operation) => operation.operationId)).toContain(operationId);
    client.watchOperation(operationId);
    await client.cancel(operationId);
    const state = await finished(client, operationId);
    expect(state.snapshot?.status).toBe('cancelled');
    await expect(client.cancel(operationId)).rejects.toMatchObject({ code: 'NOT_CANCELLABLE' });
  });

  it('deletes over HTTP while on polling: OPERATION_RUNNING while it runs, then gone', async () => {
    const client = h.client({ token, fallback: httpFallback({ transportOrder: ['polling'] }) });
    await until(() => client.getStatus() === 'connected', 'connected');
    const operationId = await h.start(token, { simulate: { durationMs: 5000 } });
    await expect(client.deleteOperation(operationId)).rejects.toMatchObject({ code: 'OPERATION_RUNNING' });
    await client.cancel(operationId);
    await client.deleteOperation(operationId);
    expect((await client.listOperations({ limit: 100 })).map((operation) => operation.operationId)).not.toContain(operationId);
    await expect(client.deleteOperation(operationId)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it.each(['sse', 'polling'] as const)('leaves no timer or open request behind after close() on %s', async (kind) => {
    proxy = await startProxy();
    const timers = watchClientTimers();
    try {
      const client = h.client({ token, url: proxy.url, fallback: httpFallback({ transportOrder: [kind], pollIntervalMs: 100 }) });
      const operationId = await h.start(token, { simulate: { durationMs: 5000 } });
      client.watchOperation(operationId);
      await until(() => client.operations.getSnapshot(operationId).subscription === 'subscribed', 'subscribed');
      if (kind === 'sse') expect(proxy.open(STREAM)).toBe(1);
      await until(() => timers.pending() > 0, kind === 'sse' ? "the stream's idle watchdog armed" : 'the next poll scheduled');
      client.close();
      await until(() => timers.pending() === 0, 'every timer of the client ended', 3000);
      await until(() => proxy.open(/.*/) === 0, 'every request closed', 3000);
    } finally {
      timers.restore();
    }
  });
});
