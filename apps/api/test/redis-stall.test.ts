// A Redis stall longer than the producer lease, with real processes: two gateway nodes (the
// demo API), a real redis-server paused with SIGSTOP (its clients' connections stay open and
// nothing answers, as in a network stall or a failover) and publisher processes, one of which
// is killed during the stall.
import { randomUUID } from 'node:crypto';
import { type RunningApi, type RunningRedis, devToken, sleep, startApi, startRedis } from '@liveprogress/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ack, LiveClient, type ProgressEvent, freshUser, isTerminal } from './support/demo-client.js';
import { startPublisher } from './support/publisher-process.js';

const LEASE_MS = 1500;

/** The replayed events of a subscribe ack (none when it was refused). */
const eventsOf = (ack: Ack): ProgressEvent[] => (ack.ok ? ((ack as unknown as { events: ProgressEvent[] }).events ?? []) : []);

describe('a Redis stall longer than the producer lease', () => {
  let redis: RunningRedis;
  let nodeA: RunningApi;
  let nodeB: RunningApi;
  let paused = false;

  beforeAll(async () => {
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, PRODUCER_LEASE_MS: String(LEASE_MS) };
    [nodeA, nodeB] = await Promise.all([startApi(env), startApi(env)]);
  }, 60_000);
  afterAll(async () => {
    if (paused) process.kill(redis.pid, 'SIGCONT');
    await Promise.all([nodeA?.stop(), nodeB?.stop()]);
    await redis?.stop();
  });

  it('keeps a live publisher’s operation through a stall of three leases, and fails the one of a publisher killed during it PRODUCER_LOST once, within two leases of Redis coming back', async () => {
    const who = freshUser();
    const liveId = randomUUID();
    const deadId = randomUUID();
    const common = { USER_ID: who.userId, TENANT_ID: who.tenantId, PRODUCER_LEASE_MS: String(LEASE_MS) };
    // The live one runs about 12 s: through the stall and long after it, when a wrong sweep would have struck.
    const live = startPublisher(redis.url, { ...common, OPERATION_ID: liveId, STEPS: '120', INTERVAL_MS: '100' });
    const dead = startPublisher(redis.url, { ...common, OPERATION_ID: deadId, STEPS: '1000', INTERVAL_MS: '50' });
    await Promise.all([live.started, dead.started]);
    const token = await devToken(nodeA.url, who);
    const onA = await LiveClient.connect(nodeA, token);
    const onB = await LiveClient.connect(nodeB, token);
    for (const client of [onA, onB])
      for (const operationId of [liveId, deadId]) expect((await client.request('operation.subscribe', { operationId })).ok).toBe(true);
    await sleep(LEASE_MS);

    process.kill(redis.pid, 'SIGSTOP');
    paused = true;
    await sleep(1000);
    dead.child.kill('SIGKILL');
    await sleep(LEASE_MS * 3 - 1000);
    process.kill(redis.pid, 'SIGCONT');
    paused = false;
    const back = Date.now();

    const lost = await onA.waitFor((r) => isTerminal(r.event) && r.payload.operationId === deadId, LEASE_MS * 4, 'the killed publisher’s end');
    const detectedMs = lost.at - back;
    console.log(`publisher killed during a ${LEASE_MS * 3} ms stall: PRODUCER_LOST ${detectedMs} ms after Redis came back (lease ${LEASE_MS} ms)`);
    expect(lost.payload).toMatchObject({ status: 'failed', error: { code: 'PRODUCER_LOST' } });
    expect(detectedMs).toBeLessThan(LEASE_MS * 2 + 500);

    expect(await live.exited).toBe(0);
    expect(live.output()).toContain('completed');
    await sleep(LEASE_MS); // both nodes' sweepers have looked again
    for (const [operationId, status] of [
      [liveId, 'completed'],
      [deadId, 'failed'],
    ] as const) {
      const events = eventsOf(await onB.request('operation.subscribe', { operationId, afterSeq: 0 }));
      expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
      const terminals = events.filter((e) => isTerminal(e.event));
      expect(terminals).toHaveLength(1);
      expect(terminals[0]).toMatchObject({ status });
      expect(onB.liveProgress(operationId).filter((e) => isTerminal(e.event))).toHaveLength(1);
    }
    onA.close();
    onB.close();
  }, 60_000);
});
