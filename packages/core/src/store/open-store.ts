import { RedisOperationStore } from '../redis/redis-operation.store.js';
import type { RedisConnection } from '../redis/redis-connection.js';
import type { ResolvedRuntimeOptions } from '../runtime-options.js';
import { MemoryOperationStore } from './memory-operation.store.js';
import type { OperationStore } from './operation-store.js';

/** The store the options ask for: the one given, Redis when connected, else the in-memory one. */
export function openStore(options: ResolvedRuntimeOptions, redis: RedisConnection): OperationStore {
  if (options.store) return options.store;
  const limits = { maxEvents: options.retention.maxEvents, terminalRetentionMs: options.retention.terminalMs };
  if (redis.client) {
    return new RedisOperationStore({
      redis: redis.client,
      ...limits,
      broadcast: true,
      ...(options.redis?.keyPrefix ? { keyPrefix: options.redis.keyPrefix } : {}),
    });
  }
  return new MemoryOperationStore({ ...limits, ...options.memory });
}
