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
