// Scale-out on Redis with real processes: two gateway nodes (the demo API with REDIS_URL),
// a real redis-server, and producer processes that know only the Redis URL.
import { randomUUID } from 'node:crypto';
import { type RunningApi, type RunningRedis, devToken, sleep, startApi, startRedis, stopProcess } from '@liveprogress/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPublisher } from './support/publisher-process.js';
import { type Ack, LiveClient, type ProgressEvent, follow, freshUser, getJson, isTerminal, startOperation } from './support/demo-client.js';

const INGEST_TOKEN = 'ingest-token-for-tests-0123456789';

/** The replayed events of a subscribe ack (none when it was refused). */
const eventsOf = (ack: Ack): ProgressEvent[] => (ack.ok ? ((ack as unknown as { events: ProgressEvent[] }).events ?? []) : []);

describe('scale-out on Redis', () => {
  let redis: RunningRedis;
  let nodeA: RunningApi;
  let nodeB: RunningApi;
  const nodeEnv = () => ({ REDIS_URL: redis.url, PRODUCER_LEASE_MS: '1500', INGEST_TOKENS: INGEST_TOKEN });

  beforeAll(async () => {
    redis = await startRedis();
    [nodeA, nodeB] = await Promise.all([startApi(nodeEnv()), startApi(nodeEnv())]);
  }, 60_000);
  afterAll(async () => {
    await Promise.all([nodeA?.stop(), nodeB?.stop()]);
    await redis?.stop();
  });

  const user = () => freshUser();
  const connectAs = async (node: RunningApi, who: { userId: string; tenantId: string }) => LiveClient.connect(node, await devToken(node.url, who));

  it('lets a client on node B follow an operation started on node A, in seq order to its end', async () => {
    const who = user();
    const token = await devToken(nodeA.url, who);
    const onB = await LiveClient.connect(nodeB, token);
    const id = await startOperation(nodeA, '/api/data/import', token, { simulate: { durationMs: 600 } });
    const followed = await follow(onB, id);
    expect(followed.events.map((e) => e.seq)).toEqual(followed.events.map((_, i) => i + 1));
    expect(followed.terminal.event).toBe('progress.completed');
    expect(followed.afterTerminal).toEqual([]);
    onB.close();
  });

  it('carries a publisher process’s operation to a client on node B, and its cancel from node B back to the publisher', async () => {
    const who = user();
    const operationId = randomUUID();
    const onB = await connectAs(nodeB, who);
    const publisher = startPublisher(redis.url, { OPERATION_ID: operationId, USER_ID: who.userId, TENANT_ID: who.tenantId, STEPS: '200', INTERVAL_MS: '20' });
    await publisher.started;
    const ack = await onB.request('operation.subscribe', { operationId, afterSeq: 0 });
    expect(ack.ok).toBe(true);
    await onB.waitFor((r) => r.event === 'progress.updated' && r.payload.operationId === operationId);
    expect(await onB.request('operation.cancel', { operationId })).toEqual({ ok: true });
    const end = await onB.waitFor((r) => isTerminal(r.event) && r.payload.operationId === operationId);
    expect(end.payload).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' } });
    expect(await publisher.exited).toBe(0);
    expect(publisher.output()).toContain('stopped: CANCELLED');
    onB.close();
  });

  it('streams over SSE on node B an operation a publisher process reports, to its end with contiguous ids', async () => {
    const who = user();
    const operationId = randomUUID();
    const token = await devToken(nodeB.url, who);
    const publisher = startPublisher(redis.url, { OPERATION_ID: operationId, USER_ID: who.userId, TENANT_ID: who.tenantId, STEPS: '15', INTERVAL_MS: '30' });
    await publisher.started;
    const res = await fetch(`${nodeB.url}/api/v1/operations/${operationId}/stream`, { headers: { authorization: `Bearer ${token}`, 'last-event-id': '0' } });
    const text = await res.text(); // the stream ends after the terminal event
    const ids = [...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]));
    expect(ids.length).toBeGreaterThan(1);
    expect(ids).toEqual(ids.map((_, i) => i + 1));
    expect(text).toMatch(/event: progress\.completed\nid: \d+\n/);
    await publisher.exited;
  });

  it('loses nothing when node A dies mid-operation: the client moves to node B and resumes with afterSeq', async () => {
    const who = user();
    const operationId = randomUUID();
    const extra = await startApi(nodeEnv());
    const onExtra = await connectAs(extra, who);
    const publisher = startPublisher(redis.url, { OPERATION_ID: operationId, USER_ID: who.userId, TENANT_ID: who.tenantId, STEPS: '30', INTERVAL_MS: '40' });
    await publisher.started;
    const first = await onExtra.request('operation.subscribe', { operationId, afterSeq: 0 });
    expect(first.ok).toBe(true);
    await onExtra.waitFor((r) => r.event === 'progress.updated' && r.payload.operationId === operationId && (r.payload.seq as number) >= 3);
    extra.process.kill('SIGKILL');
    const applied = [...eventsOf(first), ...onExtra.liveProgress(operationId)];
    const lastSeq = Math.max(...applied.map((e) => e.seq));
    await sleep(300); // events keep coming while the client has no connection
    const onB = await connectAs(nodeB, who);
    const resumed = await onB.request('operation.subscribe', { operationId, afterSeq: lastSeq });
    expect(resumed).toMatchObject({ ok: true, recovered: true });
    await publisher.exited;
    const end =
      eventsOf(resumed).find((e) => isTerminal(e.event)) ?? (await onB.waitFor((r) => isTerminal(r.event) && r.payload.operationId === operationId)).payload;
    expect(end).toMatchObject({ status: 'completed' });
    await sleep(200);
    const all = new Map<number, ProgressEvent>();
    for (const e of [...applied, ...eventsOf(resumed), ...onB.liveProgress(operationId)]) all.set(e.seq, e);
    const seqs = [...all.keys()].sort((a, b) => a - b);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(all.get(seqs.at(-1)!)?.event).toBe('progress.completed');
    onExtra.close();
    onB.close();
    await stopProcess(extra.process);
  });

  it('ends an operation whose publisher died as PRODUCER_LOST, exactly once across both nodes', async () => {
    const who = user();
    const operationId = randomUUID();
    const publisher = startPublisher(redis.url, {
      OPERATION_ID: operationId,
      USER_ID: who.userId,
      TENANT_ID: who.tenantId,
      STEPS: '1000',
      INTERVAL_MS: '50',
      PRODUCER_LEASE_MS: '1500',
    });
    await publisher.started;
    await sleep(200);
    publisher.child.kill('SIGKILL');
    const onA = await connectAs(nodeA, who);
    const onB = await connectAs(nodeB, who);
    await Promise.all([onA.request('operation.subscribe', { operationId }), onB.request('operation.subscribe', { operationId })]);
    const end = await onA.waitFor((r) => isTerminal(r.event) && r.payload.operationId === operationId, 15_000);
    expect(end.payload).toMatchObject({ status: 'failed', error: { code: 'PRODUCER_LOST' } });
    await sleep(2500); // long enough for both nodes' sweepers to have looked again
    const replay = await onB.request('operation.subscribe', { operationId, afterSeq: 0 });
    const terminals = eventsOf(replay).filter((e) => isTerminal(e.event));
    expect(terminals).toHaveLength(1);
    expect(onB.liveProgress(operationId).filter((e) => isTerminal(e.event))).toHaveLength(1);
    onA.close();
    onB.close();
  });

  it('writes exactly one terminal event when two nodes complete the same operation at once', async () => {
    const who = user();
    const operationId = randomUUID();
    const post = (node: RunningApi, body: unknown) =>
      fetch(`${node.url}/api/v1/operations/${operationId}/events`, {
        method: 'POST',
        headers: { authorization: `Bearer ${INGEST_TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await post(nodeA, { type: 'start', operationType: 'external', userId: who.userId, tenantId: who.tenantId })).status).toBe(202);
    expect((await post(nodeB, { type: 'update', progress: 50, stage: 'half' })).status).toBe(202);
    const answers = await Promise.all([post(nodeA, { type: 'complete', result: { by: 'A' } }), post(nodeB, { type: 'complete', result: { by: 'B' } })]);
    expect(answers.map((a) => a.status).sort()).toEqual(expect.arrayContaining([202]));
    const client = await connectAs(nodeA, who);
    const replay = await client.request('operation.subscribe', { operationId, afterSeq: 0 });
    const events = eventsOf(replay);
    expect(events.filter((e) => isTerminal(e.event))).toHaveLength(1);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const late = await post(nodeB, { type: 'update', progress: 60 });
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ error: { code: 'OPERATION_ENDED' } });
    client.close();
  });

  it('refuses ingest without a producer token, and with a user JWT', async () => {
    const who = user();
    const id = randomUUID();
    const body = JSON.stringify({ type: 'start', operationType: 'x', userId: who.userId, tenantId: who.tenantId });
    const headers = { 'content-type': 'application/json' };
    expect((await fetch(`${nodeA.url}/api/v1/operations/${id}/events`, { method: 'POST', headers, body })).status).toBe(401);
    const userToken = await devToken(nodeA.url, who);
    const res = await fetch(`${nodeA.url}/api/v1/operations/${id}/events`, {
      method: 'POST',
      headers: { ...headers, authorization: `Bearer ${userToken}` },
      body,
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: 'TOKEN_INVALID' } });
  });

  it('keeps operations and their events across a restart of every gateway', async () => {
    const who = user();
    const token = await devToken(nodeA.url, who);
    const client = await LiveClient.connect(nodeA, token);
    const id = await startOperation(nodeA, '/api/batch/process', token, { simulate: { durationMs: 300 }, items: 3 });
    const before = await follow(client, id);
    client.close();
    await Promise.all([nodeA.stop(), nodeB.stop()]);
    [nodeA, nodeB] = await Promise.all([startApi(nodeEnv()), startApi(nodeEnv())]);
    const snapshot = await getJson<{ status: string; seq: number }>(nodeB, `/api/v1/operations/${id}`, token);
    expect(snapshot.status).toBe(200);
    expect(snapshot.body).toMatchObject({ status: 'completed', seq: before.events.length });
    const again = await LiveClient.connect(nodeB, token);
    const replay = await again.request('operation.subscribe', { operationId: id, afterSeq: 0 });
    expect(eventsOf(replay).map((e) => e.seq)).toEqual(before.events.map((e) => e.seq));
    again.close();
  }, 60_000);

  it('measures cross-node delivery latency against the same node (printed, not asserted)', async () => {
    // Operations run inside node A; a client on A is the single-node path, a client on B the cross-node one.
    const who = user();
    const token = await devToken(nodeA.url, who);
    const onA = await LiveClient.connect(nodeA, token);
    const onB = await LiveClient.connect(nodeB, token);
    const ids = await Promise.all([1, 2, 3, 4].map(() => startOperation(nodeA, '/api/data/import', token, { simulate: { durationMs: 2000 } })));
    const acks = await Promise.all(
      ids.flatMap((operationId) => [onA.request('operation.subscribe', { operationId }), onB.request('operation.subscribe', { operationId })]),
    );
    // Only events both clients were subscribed for: after the later of the two acks' snapshots.
    const from = new Map(
      ids.map((id, i) => [id, Math.max(...[acks[2 * i], acks[2 * i + 1]].map((a) => (a as unknown as { snapshot: { seq: number } }).snapshot.seq))]),
    );
    for (const client of [onA, onB]) {
      for (const id of ids) await client.waitFor((r) => isTerminal(r.event) && r.payload.operationId === id, 15_000);
    }
    // `timestamp` is stamped when node A stores the event; `at` when the client hears it.
    const latencies = (client: LiveClient) =>
      client.received
        .filter((r) => r.event === 'progress.updated' && (r.payload.seq as number) > (from.get(r.payload.operationId as string) ?? Number.POSITIVE_INFINITY))
        .map((r) => r.at - (r.payload.timestamp as number))
        .sort((x, y) => x - y);
    const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? Number.NaN;
    const a = latencies(onA);
    const b = latencies(onB);
    expect(b.length).toBe(a.length);
    expect(a.length).toBeGreaterThan(20);
    console.log(
      `delivery latency, same node: p50 ${pct(a, 50)} ms p99 ${pct(a, 99)} ms; cross-node via Redis: p50 ${pct(b, 50)} ms p99 ${pct(b, 99)} ms (${a.length} events each)`,
    );
    onA.close();
    onB.close();
  });
});
