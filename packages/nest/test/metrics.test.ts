import { signToken } from '@liveprogress/test-support';
import { readSse } from '@liveprogress/test-support/sse';
import { Counter, Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Socket } from 'socket.io-client';
import { sampleOf, sumOf } from './support/prometheus-scrape.js';
import { type TestApp, collectProgress, request, sleep, startTestApp, until } from './support/test-app.js';

const LONG = 600_000; // rate-limit windows no test outlives: refills never blur the counts

describe('Prometheus metrics', () => {
  let app: TestApp;
  const scrape = async () => {
    const res = await fetch(`${app.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text();
  };
  const metric = async (name: string, labels: Record<string, string> = {}) => sampleOf(await scrape(), `liveprogress_${name}`, labels);

  beforeAll(async () => {
    app = await startTestApp({
      coalesceIntervalMs: 50,
      retention: { maxEvents: 5 },
      sseHeartbeatMs: 1000,
      rateLimit: {
        http: { points: 5, durationMs: LONG },
        socket: { points: 20, durationMs: LONG },
        handshake: { perUser: { points: 3, durationMs: LONG } },
      },
      slowConsumer: { maxBufferedBytes: 256 * 1024, maxBufferedPackets: 1000, checkIntervalMs: 50 },
      metrics: { enabled: true },
    });
  });
  afterAll(() => app.close());

  it('counts what a scripted run did: connections, subscriptions, coalesced updates, replays, refusals, rate limits and lag', async () => {
    let reported = 0;
    const report = (op: { update(u: object): void }, update: object) => {
      op.update(update);
      reported++;
    };
    // Three connections of one user, three subscriptions to A, one to B taken back.
    const u1 = app.token('u1', 't1');
    const sockets = [await app.connect(u1), await app.connect(u1), await app.connect(u1)];
    const [s1, s2] = sockets as [Socket, Socket, Socket];
    const a = app.operations.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    const b = app.operations.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    for (const socket of sockets) expect((await request(socket, 'operation.subscribe', { operationId: a.id })).ok).toBe(true);
    await request(s1, 'operation.subscribe', { operationId: b.id });
    await request(s1, 'operation.unsubscribe', { operationId: b.id });
    const seen = collectProgress(s1);

    // Fifteen updates in two bursts: coalesced into a few stored events.
    for (let i = 1; i <= 10; i++) report(a, { progress: i });
    await a.flushed();
    for (let i = 11; i <= 15; i++) report(a, { progress: i });
    a.complete({ rows: 15 });
    await a.flushed();
    await until(() => seen.some((e) => e.event === 'progress.completed'));
    const updatesStoredForA = seen.filter((e) => e.event === 'progress.updated').length;

    // Two replays: one recovered, one whose events were trimmed by the retention of 5.
    const c = app.operations.start({ operationType: 'sync', userId: 'u1', tenantId: 't1' });
    for (let i = 0; i < 8; i++) report(c, { stage: `step-${i}` }); // each stage change is stored at once
    await c.flushed();
    const recovered = await request(s2, 'operation.subscribe', { operationId: a.id, afterSeq: 0 });
    const trimmed = await request(s2, 'operation.subscribe', { operationId: c.id, afterSeq: 0 });
    expect(recovered.recovered).toBe(true);
    expect(trimmed.recovered).toBe(false);

    // Refused tokens: a forged one on a socket, none at all over HTTP.
    const forged = signToken({ sub: 'forger', tenantId: 't1' }, { secret: 'not-the-secret', expiresIn: 60 });
    await expect(app.connect(forged)).rejects.toThrow('unauthorized');
    expect((await fetch(`${app.url}/api/v1/operations`)).status).toBe(401);

    // Rate limits: one HTTP request over 5, five socket requests over 20, one handshake over 3.
    const rl = { authorization: `Bearer ${app.token('rl', 't1')}` };
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await fetch(`${app.url}/api/v1/operations`, { headers: rl })).status);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1);
    const burst = await app.connect(app.token('burst', 't1'));
    const acks = await Promise.all(Array.from({ length: 25 }, () => request(burst, 'operations.list', {})));
    const socketRefusals = acks.filter((ack) => ack.ok === false && ack.error.code === 'RATE_LIMITED').length;
    expect(socketRefusals).toBe(5);
    const hs = app.token('hs', 't1');
    const admitted = [await app.connect(hs), await app.connect(hs), await app.connect(hs)];
    await expect(app.connect(hs)).rejects.toThrow('rate_limited');
    for (const socket of [burst, ...admitted]) socket.disconnect();

    // An SSE stream open while D runs: counted as a connection, and each live event's lag measured.
    const d = app.operations.start({ operationType: 'export', userId: 'u1', tenantId: 't1' });
    const stream = readSse(`${app.url}/api/v1/operations/${d.id}/stream`, { authorization: `Bearer ${u1}` });
    await until(async () => (await metric('connections', { transport: 'sse' })) === 1);
    for (const stage of ['reading', 'writing', 'zipping']) report(d, { stage });
    d.complete();
    const sse = await stream;
    const liveSseEvents = sse.messages.filter((m) => m.event !== 'snapshot').length;
    expect(liveSseEvents).toBeGreaterThanOrEqual(2);

    await until(async () => (await metric('connections', { transport: 'socket' })) === 3);
    const text = await scrape();
    const at = (name: string, labels: Record<string, string> = {}) => sampleOf(text, `liveprogress_${name}`, labels);
    const storedEvents = await Promise.all([a, b, c, d].map(async (op) => (await app.operations.get(op.id))!.seq));
    const totalStored = storedEvents.reduce((x, y) => x + y, 0);

    expect(at('connections', { transport: 'socket' })).toBe(3);
    expect(at('connections', { transport: 'sse' })).toBe(0);
    expect(at('subscriptions')).toBe(4); // A: s1, s2, s3; C: s2 (the one to B was taken back)
    expect(at('updates_reported_total')).toBe(reported);
    expect(sumOf(text, 'liveprogress_events_stored_total')).toBe(totalStored);
    expect(at('events_stored_total', { event: 'progress.updated' })).toBe(totalStored - 2); // all but A's and D's terminal events
    expect(at('events_stored_total', { event: 'progress.completed' })).toBe(2);
    // Coalescing is visible: A's fifteen updates became a few stored events.
    expect(updatesStoredForA).toBeGreaterThanOrEqual(2);
    expect(updatesStoredForA).toBeLessThan(15);
    expect(at('replays_total')).toBe(2);
    expect(at('replays_unrecovered_total')).toBe(1);
    expect(at('auth_refusals_total', { code: 'TOKEN_INVALID' })).toBe(1);
    expect(at('auth_refusals_total', { code: 'TOKEN_MISSING' })).toBe(1);
    expect(at('rate_limited_total', { kind: 'http' })).toBe(1);
    expect(at('rate_limited_total', { kind: 'socket' })).toBe(socketRefusals);
    expect(at('rate_limited_total', { kind: 'handshake' })).toBe(1);
    expect(at('slow_consumer_disconnects_total')).toBe(0);
    expect(at('store_unavailable_total', { operation: 'get' })).toBeUndefined();
    // Every stored event left this node once; lag is timing, so bounds only.
    expect(at('publish_lag_seconds_count', { path: 'broadcast' })).toBe(totalStored);
    expect(at('publish_lag_seconds_sum', { path: 'broadcast' })).toBeLessThan(totalStored * 1);
    expect(at('publish_lag_seconds_count', { path: 'sse' })).toBe(liveSseEvents);
    expect(at('publish_lag_seconds_bucket', { path: 'sse', le: '+Inf' })).toBe(liveSseEvents);
    // No label carries an id: every series is one of a few fixed values.
    for (const id of [a.id, b.id, c.id, d.id, 'u1', 't1', 'forger']) expect(text).not.toContain(id);
  });

  it('counts a slow consumer it disconnects', async () => {
    const op = app.operations.start({ operationType: 'flood', userId: 'slow', tenantId: 't1' });
    const stalled = await app.connect(app.token('slow', 't1'));
    await request(stalled, 'operation.subscribe', { operationId: op.id });
    const before = (await metric('slow_consumer_disconnects_total')) ?? 0;
    const transport = (stalled.io as unknown as { engine: { transport: { ws: { _socket: { pause: () => void } } } } }).engine.transport;
    transport.ws._socket.pause();
    const id = stalled.id!;
    const serverSockets = () => app.sockets.attached!.of('/').sockets;
    const blob = 'x'.repeat(64 * 1024);
    for (let round = 0; round < 400 && serverSockets().has(id); round++) {
      op.update({ stage: `s${round % 2}`, details: { blob, round } });
      await sleep(2);
    }
    expect(serverSockets().has(id)).toBe(false);
    expect(await metric('slow_consumer_disconnects_total')).toBe(before + 1);
    op.complete();
  });

  it("registers on the app's own registry under its prefix, served at the path asked for", async () => {
    const registry = new Registry();
    const jobs = new Counter({ name: 'app_jobs_total', help: 'jobs the app ran', registers: [registry] });
    jobs.inc(3);
    const own = await startTestApp({ metrics: { registry, prefix: 'lp_', path: '/internal/metrics' } });
    try {
      await own.connect(own.token('u1', 't1'));
      await until(async () => sampleOf(await registry.metrics(), 'lp_connections', { transport: 'socket' }) === 1);
      const text = await (await fetch(`${own.url}/internal/metrics`)).text();
      expect(sampleOf(text, 'app_jobs_total')).toBe(3);
      expect(sampleOf(text, 'lp_connections', { transport: 'socket' })).toBe(1);
      expect(text).not.toContain('liveprogress_');
      expect((await fetch(`${own.url}/metrics`)).status).toBe(404);
    } finally {
      await own.close();
    }
  });

  it('refuses a prefix Prometheus would not take, at start-up', async () => {
    await expect(startTestApp({ metrics: { prefix: 'live-progress' } })).rejects.toThrow('metrics.prefix "live-progress" is not a Prometheus name prefix');
  });

  it('serves no scrape when metrics are off', async () => {
    const off = await startTestApp();
    try {
      expect((await fetch(`${off.url}/metrics`)).status).toBe(404);
    } finally {
      await off.close();
    }
  });
});
