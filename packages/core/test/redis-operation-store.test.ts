import { makeSnapshot, until } from '@liveprogress/test-support';
import { describe, expect, it } from 'vitest';
import { RedisOperationStore } from '../src/redis/redis-operation.store.js';
import { describeOperationStore } from './support/operation-store.contract.js';
import { useRedis } from './support/use-redis.js';

const redis = useRedis();
let run = 0;

describeOperationStore(
  'RedisOperationStore',
  async ({ maxEvents, retentionMs }) => new RedisOperationStore({ redis: redis.client, keyPrefix: `t${run++}:`, maxEvents, terminalRetentionMs: retentionMs }),
);

describe('RedisOperationStore delete', () => {
  it('leaves no key and no index entry of a deleted operation behind, whatever lists and sets it was in', async () => {
    const keyPrefix = `del${run++}:`;
    const store = new RedisOperationStore({ redis: redis.client, keyPrefix, maxEvents: 10, terminalRetentionMs: 60_000 });
    const s = makeSnapshot({ visibility: 'tenant', operationType: 'export' });
    await store.create(s);
    // A producer lease too, as a running operation in Redis mode has one.
    store.leases(60_000).hold(s.operationId);
    await until(async () => (await redis.client.zscore(`${keyPrefix}leases`, s.operationId)) !== null);
    const failed = {
      event: 'progress.failed',
      operationId: s.operationId,
      operationType: 'export',
      status: 'failed',
      progress: 0,
      error: { message: 'x' },
      timestamp: Date.now(),
    } as const;
    expect(await store.append(s.operationId, failed)).not.toBeNull();
    expect(await redis.client.keys(`${keyPrefix}*`)).not.toEqual([]);
    expect(await store.delete(s.operationId)).toBe('deleted');
    expect(await redis.client.keys(`${keyPrefix}*`)).toEqual([]);
  });
});

describe('RedisOperationStore append cost', () => {
  const own = useRedis();

  /** Calls per command name since the last CONFIG RESETSTAT, commands run inside scripts counted one by one. */
  async function commandCalls(): Promise<Record<string, number>> {
    const calls: Record<string, number> = {};
    for (const line of (await own.client.info('commandstats')).split('\n')) {
      const match = /^cmdstat_([\w|]+):calls=(\d+)/.exec(line);
      if (match) calls[match[1] as string] = Number(match[2]);
    }
    return calls;
  }

  it('stores a steady progress event with one HMGET, one HSET, its two stream entries, the PUBLISH and the activity renewal, and reads nothing back', async () => {
    const store = new RedisOperationStore({ redis: own.client, keyPrefix: 'cost:', maxEvents: 100, terminalRetentionMs: 60_000, broadcast: true });
    const s = makeSnapshot({ operationType: 'export' });
    await store.create(s);
    const progress = (seq: number) =>
      ({
        event: 'progress.updated',
        operationId: s.operationId,
        operationType: 'export',
        status: 'running',
        stage: null,
        progress: seq,
        message: null,
        details: { seq },
        estimatedCompletion: null,
        timestamp: Date.now(),
      }) as const;
    // The first append loads the script; what is counted is the steady state after it.
    await store.append(s.operationId, progress(0), { expectedSeq: 0 });
    await own.client.config('RESETSTAT');
    const events = 20;
    for (let seq = 1; seq <= events; seq++) {
      const appended = await store.append(s.operationId, progress(seq), { expectedSeq: seq });
      expect(appended).toMatchObject({ event: { seq: seq + 1, progress: seq } });
    }
    const calls = await commandCalls();
    expect({
      evalsha: calls.evalsha,
      hmget: calls.hmget,
      hset: calls.hset,
      xadd: calls.xadd,
      publish: calls.publish,
      time: calls.time,
      zadd: calls.zadd,
    }).toEqual({ evalsha: events, hmget: events, hset: events, xadd: 2 * events, publish: events, time: events, zadd: events });
    for (const unused of ['hget', 'hincrby', 'hgetall', 'zrem']) expect(calls[unused]).toBeUndefined();
    // What those writes left is what a reader gets back: the seq, the fields, the events.
    expect(await store.get(s.operationId)).toMatchObject({ seq: events + 1, progress: events, details: { seq: events } });
    const replay = await store.eventsAfter(s.operationId, events - 1);
    expect(replay.events.map((e) => e.seq)).toEqual([events, events + 1]);
  });
});
