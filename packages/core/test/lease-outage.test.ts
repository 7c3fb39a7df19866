// Producer leases through a store outage, with a real redis-server paused by SIGSTOP (a stall
// as every client sees it: connections stay open, nothing answers) and resumed by SIGCONT.
// Each "node" is a Coordinator on its own Redis connection, as separate processes would be.
import { type RunningRedis, sleep, startRedis, until } from '@liveprogress/test-support';
import type { OperationSnapshot } from '@liveprogress/protocol';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Coordinator,
  type OperationHandle,
  OperationEvents,
  OperationLifecycle,
  RedisOperationStore,
  SocketIoBroadcaster,
  resolveRuntimeOptions,
} from '../src/index.js';

const quiet = { error: () => undefined, warn: () => undefined };

interface Node {
  coordinator: Coordinator;
  store: RedisOperationStore;
  client: Redis;
  /** Stops the node as a clean shutdown would. */
  close: () => Promise<void>;
}

async function startNode(url: string, keyPrefix: string, producerLeaseMs: number, maintenance: boolean, shutdownTimeoutMs?: number): Promise<Node> {
  const client = new Redis(url);
  await until(() => client.status === 'ready', 'the node connected to Redis');
  const store = new RedisOperationStore({ redis: client, keyPrefix, maxEvents: 10_000, terminalRetentionMs: 60_000 });
  const broadcaster = new SocketIoBroadcaster();
  const options = resolveRuntimeOptions({ producerLeaseMs, coalesceIntervalMs: 20, ...(shutdownTimeoutMs ? { shutdownTimeoutMs } : {}) });
  const lifecycle = new OperationLifecycle([], quiet);
  const coordinator = new Coordinator({ store, broadcaster, events: new OperationEvents(broadcaster, store), lifecycle, options, logger: quiet });
  coordinator.start({ maintenance });
  return {
    coordinator,
    store,
    client,
    close: async () => {
      await coordinator.stop();
      await coordinator.close();
      client.disconnect();
    },
  };
}

/** Reports progress every 100 ms, as live work does, until stopped. */
function keepReporting(op: OperationHandle): () => void {
  let progress = 0;
  const timer = setInterval(() => {
    progress = Math.min(99, progress + 0.5);
    op.update({ progress, message: `at ${progress}` });
  }, 100);
  return () => clearInterval(timer);
}

async function storedEvents(store: RedisOperationStore, id: string) {
  return (await store.eventsAfter(id, 0)).events;
}

describe('producer leases through a Redis outage', () => {
  let redis: RunningRedis;
  let paused = false;
  const stall = async (ms: number): Promise<number> => {
    process.kill(redis.pid, 'SIGSTOP');
    paused = true;
    await sleep(ms);
    process.kill(redis.pid, 'SIGCONT');
    paused = false;
    return performance.now();
  };
  let prefixes = 0;
  const prefix = () => `outage${++prefixes}:`;

  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    if (paused) process.kill(redis.pid, 'SIGCONT');
    await redis.stop();
  });

  it.each([
    { leaseMs: 1500, times: 3 },
    { leaseMs: 1000, times: 10 },
  ])(
    'keeps every operation of live producers through a stall $times times the lease ($leaseMs ms): none fails PRODUCER_LOST, each completes once with contiguous seq',
    async ({ leaseMs, times }) => {
      const keys = prefix();
      const nodes = await Promise.all([startNode(redis.url, keys, leaseMs, true), startNode(redis.url, keys, leaseMs, true)]);
      const ops = nodes.flatMap((node) =>
        Array.from({ length: 5 }, () => node.coordinator.runtime.start({ operationType: 'import', userId: 'u1', tenantId: 't1' })),
      );
      const stops = ops.map(keepReporting);
      await Promise.all(ops.map((op) => op.flushed()));
      await sleep(leaseMs);
      await stall(leaseMs * times);
      // Long enough after the store is back for any sweeper to have acted, had it judged wrongly.
      await sleep(leaseMs * 2.5);
      for (const stop of stops) stop();
      for (const op of ops) op.complete({ ok: true });
      await Promise.all(ops.map((op) => op.flushed()));
      const lost: string[] = [];
      for (const op of ops) {
        const stored = (await nodes[0]!.store.get(op.id)) as OperationSnapshot;
        if (stored.error?.code === 'PRODUCER_LOST') lost.push(op.id);
        const events = await storedEvents(nodes[0]!.store, op.id);
        expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
        expect(events.filter((e) => e.status !== 'running')).toHaveLength(1);
        expect(stored).toMatchObject({ status: 'completed', result: { ok: true } });
      }
      console.log(`stall of ${times}× the lease (${leaseMs * times} ms): ${lost.length} of ${ops.length} operations lost`);
      expect(lost).toEqual([]);
      await Promise.all(nodes.map((node) => node.close()));
    },
    60_000,
  );

  it('stores the last events of a producer that stops during a stall longer than storeTimeoutMs and the lease, within shutdownTimeoutMs: its operation completes, not PRODUCER_LOST', async () => {
    const leaseMs = 1500;
    const keys = prefix();
    const [sweeper, stopping] = await Promise.all([startNode(redis.url, keys, leaseMs, true), startNode(redis.url, keys, leaseMs, false, 20_000)]);
    const op = stopping!.coordinator.runtime.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    const stopReporting = keepReporting(op);
    await op.flushed();
    await sleep(leaseMs);
    process.kill(redis.pid, 'SIGSTOP');
    paused = true;
    // The work ends, and the process shuts down, while Redis does not answer.
    stopReporting();
    op.complete({ ok: true });
    let stopped = false;
    const shutdown = stopping!.coordinator.stop().then(() => (stopped = true));
    await sleep(6000); // past storeTimeoutMs (5 s) and four leases
    expect(stopped).toBe(false);
    process.kill(redis.pid, 'SIGCONT');
    paused = false;
    await shutdown;
    await stopping!.close();
    // Long enough after the store is back for the sweeper to have acted, had the lease been let go.
    await sleep(leaseMs * 2.5);
    expect(await sweeper!.store.get(op.id)).toMatchObject({ status: 'completed', result: { ok: true } });
    const events = await storedEvents(sweeper!.store, op.id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.status !== 'running')).toHaveLength(1);
    await sweeper!.close();
  }, 40_000);

  it('fails the operation of a producer that died during a stall PRODUCER_LOST exactly once, within two lease periods of the store coming back', async () => {
    const leaseMs = 1500;
    const keys = prefix();
    const [live, sweeper, doomed] = await Promise.all([
      startNode(redis.url, keys, leaseMs, true),
      startNode(redis.url, keys, leaseMs, true),
      startNode(redis.url, keys, leaseMs, false),
    ]);
    const kept = live!.coordinator.runtime.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    const dies = doomed!.coordinator.runtime.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    const stops = [keepReporting(kept), keepReporting(dies)];
    await Promise.all([kept.flushed(), dies.flushed()]);
    await sleep(leaseMs);
    process.kill(redis.pid, 'SIGSTOP');
    paused = true;
    await sleep(1000);
    // The producer dies in the middle of the stall: its connection closes, it renews nothing more.
    stops[1]!();
    doomed!.client.disconnect();
    void doomed!.coordinator.stop();
    await sleep(leaseMs * 3 - 1000);
    process.kill(redis.pid, 'SIGCONT');
    paused = false;
    const back = performance.now();
    await until(async () => (await sweeper!.store.get(dies.id))?.status === 'failed', 'the dead producer’s operation failed', leaseMs * 4);
    const detectedMs = performance.now() - back;
    console.log(`producer dead during a ${leaseMs * 3} ms stall: PRODUCER_LOST ${Math.round(detectedMs)} ms after the store came back (lease ${leaseMs} ms)`);
    expect(detectedMs).toBeLessThan(leaseMs * 2 + 500);
    expect(await sweeper!.store.get(dies.id)).toMatchObject({ status: 'failed', error: { code: 'PRODUCER_LOST' } });
    const events = await storedEvents(sweeper!.store, dies.id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.status !== 'running')).toHaveLength(1);
    // The live producer's operation carried on through the same stall.
    await sleep(leaseMs / 2);
    stops[0]!();
    kept.complete();
    await kept.flushed();
    expect(await sweeper!.store.get(kept.id)).toMatchObject({ status: 'completed' });
    await Promise.all([live!.close(), sweeper!.close()]);
  }, 60_000);

  it('fails the operation of a producer that dies soon after a stall PRODUCER_LOST once, within two lease periods of its death', async () => {
    const leaseMs = 1500;
    const keys = prefix();
    const [sweeper, doomed] = await Promise.all([startNode(redis.url, keys, leaseMs, true), startNode(redis.url, keys, leaseMs, false)]);
    const dies = doomed!.coordinator.runtime.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    const stop = keepReporting(dies);
    await dies.flushed();
    await sleep(leaseMs);
    await stall(leaseMs * 3);
    // Alive through the stall: it re-asserts its lease, then dies before the sweeper trusts the store again.
    await until(async () => (await storedEvents(sweeper!.store, dies.id)).length > 0 && doomed!.client.status === 'ready', 'the producer back');
    await sleep(leaseMs / 3);
    stop();
    doomed!.client.disconnect();
    void doomed!.coordinator.stop();
    const died = performance.now();
    await until(async () => (await sweeper!.store.get(dies.id))?.status === 'failed', 'the dead producer’s operation failed', leaseMs * 4);
    const detectedMs = performance.now() - died;
    console.log(
      `producer dead ${Math.round(leaseMs / 3)} ms after a ${leaseMs * 3} ms stall: PRODUCER_LOST ${Math.round(detectedMs)} ms after its death (lease ${leaseMs} ms)`,
    );
    expect(detectedMs).toBeLessThan(leaseMs * 2 + 500);
    const events = await storedEvents(sweeper!.store, dies.id);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.status !== 'running')).toEqual([
      expect.objectContaining({ status: 'failed', error: expect.objectContaining({ code: 'PRODUCER_LOST' }) }),
    ]);
    await sweeper!.close();
  }, 30_000);

  it('still fails the operation of a producer that dies with no stall, about a lease after its death', async () => {
    const leaseMs = 1500;
    const keys = prefix();
    const [sweeper, doomed] = await Promise.all([startNode(redis.url, keys, leaseMs, true), startNode(redis.url, keys, leaseMs, false)]);
    const dies = doomed!.coordinator.runtime.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    const stop = keepReporting(dies);
    await sleep(leaseMs);
    stop();
    doomed!.client.disconnect();
    void doomed!.coordinator.stop();
    const died = performance.now();
    await until(async () => (await sweeper!.store.get(dies.id))?.status === 'failed', 'the dead producer’s operation failed', leaseMs * 4);
    const detectedMs = performance.now() - died;
    console.log(`producer dead with no stall: PRODUCER_LOST ${Math.round(detectedMs)} ms after its death (lease ${leaseMs} ms)`);
    // Its last renewal was at most a third of the lease before it died, and the sweep runs every quarter lease.
    expect(detectedMs).toBeGreaterThan((leaseMs * 2) / 3 - 100);
    expect(detectedMs).toBeLessThan(leaseMs * 1.25 + 500);
    const events = await storedEvents(sweeper!.store, dies.id);
    expect(events.filter((e) => e.status !== 'running')).toEqual([
      expect.objectContaining({ status: 'failed', error: expect.objectContaining({ code: 'PRODUCER_LOST' }) }),
    ]);
    await sweeper!.close();
  }, 30_000);
});
