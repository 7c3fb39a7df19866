import { type RunningRedis, startRedis } from '@liveprogress/test-support';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { RedisOperationStore } from '../src/redis/redis-operation.store.js';
import { describeOperationStore } from './support/operation-store.contract.js';

let server: RunningRedis;
let redis: Redis;
let run = 0;

beforeAll(async () => {
  server = await startRedis();
  redis = new Redis(server.url);
});
afterAll(async () => {
  redis.disconnect();
  await server.stop();
});

describeOperationStore(
  'RedisOperationStore',
  async ({ maxEvents, retentionMs }) => new RedisOperationStore({ redis, keyPrefix: `t${run++}:`, maxEvents, terminalRetentionMs: retentionMs }),
);
