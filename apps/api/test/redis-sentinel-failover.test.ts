// A Sentinel failover mid-operation, with real processes: a Redis primary, a replica and three
// Sentinels (Debian's redis-server), two gateway nodes (the demo API) that find the primary
// through the Sentinels, and the operator's drill of ten operations (support/fault-drill.ts).
// The primary is killed; the Sentinels promote the replica; every client of Redis (nodes,
// publishers, the streams adapter) moves to it.
import { type RunningApi, type RunningSentinelRedis, sleep, startApi, startRedisSentinel } from '@liveprogress/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningDrill, startDrill } from './support/fault-drill.js';

/** Shorter than the failover and reconnection take, so only the lease rules keep the operations alive. */
const LEASE_MS = 2000;

describe('a Sentinel failover of the Redis primary mid-operation', () => {
  let redis: RunningSentinelRedis;
  let nodeA: RunningApi;
  let nodeB: RunningApi;
  let drill: RunningDrill | undefined;

  beforeAll(async () => {
    redis = await startRedisSentinel();
    const env = { REDIS_URL: redis.url, PRODUCER_LEASE_MS: String(LEASE_MS) };
    [nodeA, nodeB] = await Promise.all([startApi(env), startApi(env)]);
  }, 90_000);
  afterAll(async () => {
    drill?.close();
    await Promise.all([nodeA?.stop(), nodeB?.stop()]);
    await redis?.stop();
  });

  it('completes every running operation once, with contiguous seq and no PRODUCER_LOST, on both nodes', async () => {
    drill = await startDrill({ nodes: [nodeA, nodeB], redisUrl: redis.url, leaseMs: LEASE_MS, durationMs: 12_000 });
    await sleep(2000);
    const failover = await redis.failOver();
    console.log(`Sentinel failover: primary :${failover.from} killed, replica :${failover.to} promoted after ${failover.tookMs} ms (lease ${LEASE_MS} ms)`);
    expect(failover.to).not.toBe(failover.from);

    const outcome = await drill.outcome(40_000);
    expect(outcome).toEqual({ completed: 10, lost: [], broken: [], publisherExits: [0, 0] });
  }, 120_000);
});
