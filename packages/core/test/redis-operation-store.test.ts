import { RedisOperationStore } from '../src/redis/redis-operation.store.js';
import { describeOperationStore } from './support/operation-store.contract.js';
import { useRedis } from './support/use-redis.js';

const redis = useRedis();
let run = 0;

describeOperationStore(
  'RedisOperationStore',
  async ({ maxEvents, retentionMs }) => new RedisOperationStore({ redis: redis.client, keyPrefix: `t${run++}:`, maxEvents, terminalRetentionMs: retentionMs }),
);
