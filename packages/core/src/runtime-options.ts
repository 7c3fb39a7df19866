import { Limits } from '@liveprogress/protocol';
import { LiveProgressConfigError } from './errors.js';
import type { Notifier } from './notifiers/notifier.interface.js';
import type { RedisOptions } from './redis/redis-connection.js';
import type { OperationStore } from './store/operation-store.js';

/** What the runtime takes, in the Nest module (`forRoot`) and in a publisher process alike. */
export interface RuntimeOptions {
  retention?: {
    /** How long a finished operation is kept; default 24 h. */
    terminalMs?: number;
    /** Events kept per operation; default 1000. */
    maxEvents?: number;
  };
  /**
   * Bounds of the in-memory store (ignored with Redis or a store of your own): past either,
   * the oldest finished operations are evicted, never a running one; when running ones alone
   * fill it, `start()` throws StoreFullError (HTTP `503 STORE_FULL`). docs/operations.md, Memory bounds.
   */
  memory?: {
    /** Operations kept, running and finished; default 10,000. */
    maxOperations?: number;
    /** Estimated bytes of snapshots and events kept; default 64 MiB. */
    maxRetainedBytes?: number;
  };
  /** At most one stored `progress.updated` per operation per interval; default 100 ms. Must match across processes. */
  coalesceIntervalMs?: number;
  /** Replace the in-memory store (e.g. with a Redis one, or your own). */
  store?: OperationStore;
  /** How long a cancel waits for the work to stop before it is reported as not cancellable; default 10 s. */
  cancelTimeoutMs?: number;
  /** Outside systems told about lifecycle events, e.g. `new WebhookNotifier({ url, secret })`. */
  notifiers?: Notifier[];
  /**
   * Scale out on Redis: operations and their events in Redis, broadcasts through the
   * Socket.IO Redis streams adapter, producer leases. Needs `ioredis` and `@socket.io/redis-streams-adapter`.
   */
  redis?: RedisOptions;
  /** A running operation whose producer reports nothing for this long is failed with PRODUCER_LOST (shared stores); default 60 s. */
  producerLeaseMs?: number;
  /**
   * A running operation with no stored event (nor explicit producer heartbeat) for this long is
   * failed with STALLED, whatever keeps its process alive; default 10 minutes. Set it above the
   * longest quiet stretch of your slowest operation.
   */
  staleAfterMs?: number;
  /**
   * How long a client request (HTTP, socket ack, SSE set-up) waits on one store call before it
   * is answered `STORE_UNAVAILABLE` (503); default 5 s. Writes of `update()` are not bounded by
   * it: they wait, coalesced, and are retried until the store takes them.
   */
  storeTimeoutMs?: number;
  /**
   * How long stopping (the Nest app's shutdown, `publisher.close()`) waits for the events reported
   * so far to be stored, this process's leases still renewed meanwhile; default `storeTimeoutMs`.
   * Raise it above your store's longest failover: a process that stops while the store is away
   * for longer drops its last events, and its unfinished operations end `PRODUCER_LOST` a lease
   * later (docs/scaling.md, Failure modes).
   */
  shutdownTimeoutMs?: number;
}

/** Defaults of `memory`: with them the store's share of a node stays near 64 MiB of estimate (docs/operations.md, Memory bounds). */
export const MEMORY_MAX_OPERATIONS_DEFAULT = 10_000;
export const MEMORY_MAX_RETAINED_BYTES_DEFAULT = 64 * 1024 * 1024;

/** RuntimeOptions with every default filled in. */
export interface ResolvedRuntimeOptions {
  retention: { terminalMs: number; maxEvents: number };
  memory: { maxOperations: number; maxRetainedBytes: number };
  coalesceIntervalMs: number;
  store: OperationStore | undefined;
  cancelTimeoutMs: number;
  notifiers: Notifier[];
  redis: RedisOptions | undefined;
  producerLeaseMs: number;
  staleAfterMs: number;
  storeTimeoutMs: number;
  shutdownTimeoutMs: number;
}

/** Fills in defaults and refuses unsafe values at start-up rather than at the first event; the module and the publisher both call it. */
export function resolveRuntimeOptions(options: RuntimeOptions = {}): ResolvedRuntimeOptions {
  const storeTimeoutMs = positiveOption('storeTimeoutMs', options.storeTimeoutMs, 5000);
  return {
    retention: {
      terminalMs: positiveOption('retention.terminalMs', options.retention?.terminalMs, Limits.RETENTION_MS_DEFAULT),
      maxEvents: positiveOption('retention.maxEvents', options.retention?.maxEvents, Limits.RETAINED_EVENTS_DEFAULT),
    },
    memory: {
      maxOperations: positiveOption('memory.maxOperations', options.memory?.maxOperations, MEMORY_MAX_OPERATIONS_DEFAULT),
      maxRetainedBytes: positiveOption('memory.maxRetainedBytes', options.memory?.maxRetainedBytes, MEMORY_MAX_RETAINED_BYTES_DEFAULT),
    },
    coalesceIntervalMs: positiveOption('coalesceIntervalMs', options.coalesceIntervalMs, 100),
    store: options.store,
    cancelTimeoutMs: positiveOption('cancelTimeoutMs', options.cancelTimeoutMs, 10_000),
    notifiers: options.notifiers ?? [],
    redis: options.redis,
    producerLeaseMs: positiveOption('producerLeaseMs', options.producerLeaseMs, 60_000),
    staleAfterMs: positiveOption('staleAfterMs', options.staleAfterMs, 10 * 60_000),
    storeTimeoutMs,
    shutdownTimeoutMs: positiveOption('shutdownTimeoutMs', options.shutdownTimeoutMs, storeTimeoutMs),
  };
}

/** `value`, or `fallback` when absent; anything but a positive finite number is a configuration error. */
export function positiveOption(name: string, value: number | undefined, fallback: number): number {
  const v = value ?? fallback;
  if (!Number.isFinite(v) || v <= 0) throw new LiveProgressConfigError(`${name} must be a positive number, got ${String(value)}`);
  return v;
}
