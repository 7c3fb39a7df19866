import { type EventInput, OperationStatus, eventPatch, type OperationSnapshot, type StoredEvent } from '@liveprogress/protocol';
import type { Redis } from 'ioredis';
import type {
  AppendConflict,
  AppendOptions,
  AppendResult,
  DeleteOutcome,
  EventsAfter,
  ListFilter,
  OperationStore,
  StoredOperation,
} from '../store/operation-store.js';
import type { ServerOptions } from 'socket.io';
import type { EventRelay } from '../store/event-relay.js';
import type { ProducerLeases } from '../store/producer-leases.js';
import type { StoreProbe } from '../store/store-probe.js';
import { RedisEventRelay } from './redis-event-relay.js';
import type { AttemptLimiter, TokenBucketLimit } from '../store/attempt-limiter.js';
import { RedisAttemptLimiter } from './redis-attempt-limiter.js';
import { RedisKeys } from './redis-keys.js';
import { RedisLeases } from './redis-leases.js';
import { STORE_BROADCAST_UID, adapterOptions } from './adapter-frame.js';
import { APPEND_SCRIPT, CREATE_SCRIPT, DELETE_SCRIPT, MARK_ACTIVE_SCRIPT, STALE_OPERATIONS_SCRIPT } from './redis-scripts.js';
import { Rooms } from '@liveprogress/protocol';
import { LiveProgressConfigError } from '../errors.js';
import type { Logger } from '../logger.js';

export interface RedisStoreOptions {
  /** A connected ioredis client; the store does not close it. */
  redis: Redis;
  keyPrefix?: string;
  maxEvents: number;
  terminalRetentionMs: number;
  /**
   * Broadcast each stored event to its operation's room through the Socket.IO Redis
   * streams adapter's stream, in the same round trip as the write (Redis mode of the
   * module and the publisher turn this on; the adapter must use `keys.adapterStream()`).
   */
  broadcast?: boolean;
}

type Scripted = Redis & {
  lpCreate(...args: Array<string | number>): Promise<number>;
  lpAppend(...args: Array<string | number>): Promise<[number, string[]?] | null>;
  lpDelete(keyCount: number, ...args: string[]): Promise<number>;
  lpStale(key: string, idleMs: number, max: number): Promise<string[]>;
  lpMarkActive(key: string, operationId: string): Promise<number>;
};

const TERMINAL = new Set(['completed', 'failed', 'cancelled']);
const SCAN_PAGE = 200;
const SCAN_PAGES = 10;

/**
 * The operation store on Redis: each snapshot a hash (one JSON field per snapshot field),
 * each event log a stream whose entry ids are the `seq`s, trimmed to the retention length;
 * `seq` is assigned and terminal events refused inside Lua, so processes never race.
 */
export class RedisOperationStore implements OperationStore {
  readonly keys: RedisKeys;
  private readonly redis: Scripted;

  constructor(private readonly options: RedisStoreOptions) {
    this.keys = new RedisKeys(options.keyPrefix ?? 'lp:');
    const redis = options.redis as Scripted;
    if (typeof redis.lpCreate !== 'function') {
      redis.defineCommand('lpCreate', { numberOfKeys: 7, lua: CREATE_SCRIPT });
      redis.defineCommand('lpAppend', { numberOfKeys: 5, lua: APPEND_SCRIPT });
      // The number of index keys varies with nothing, but is given per call to keep the list in one place (indexKeys).
      redis.defineCommand('lpDelete', { lua: DELETE_SCRIPT });
      redis.defineCommand('lpStale', { numberOfKeys: 1, lua: STALE_OPERATIONS_SCRIPT });
      redis.defineCommand('lpMarkActive', { numberOfKeys: 1, lua: MARK_ACTIVE_SCRIPT });
    }
    this.redis = redis;
  }

  async create(snapshot: OperationSnapshot): Promise<boolean> {
    const k = this.keys;
    const fields: string[] = [];
    for (const [field, value] of Object.entries(snapshot)) fields.push(field, field === 'seq' ? String(value) : JSON.stringify(value));
    // The index key names' parts, so the append script can move the operation between indexes.
    fields.push('_tenantKey', encodeURIComponent(snapshot.tenantId), '_typeKey', encodeURIComponent(snapshot.operationType));
    const created = await this.redis.lpCreate(
      k.snapshot(snapshot.operationId),
      k.tenantIndex(snapshot.tenantId),
      k.ownerIndex(snapshot.tenantId, snapshot.ownerId),
      k.statusIndex(snapshot.tenantId, snapshot.status),
      k.typeIndex(snapshot.tenantId, snapshot.operationType),
      snapshot.visibility === 'tenant' ? k.tenantVisibleIndex(snapshot.tenantId) : '',
      TERMINAL.has(snapshot.status) ? '' : k.activity(),
      snapshot.operationId,
      snapshot.createdAt,
      ...fields,
    );
    if (created === 1 && TERMINAL.has(snapshot.status)) {
      // Stored already finished (an import, a restore): it expires like any other.
      await this.redis
        .multi()
        .zadd(k.expiring(), snapshot.finishedAt ?? snapshot.updatedAt, snapshot.operationId)
        .pexpire(k.snapshot(snapshot.operationId), this.options.terminalRetentionMs + 300_000)
        .exec();
    }
    return created === 1;
  }

  async readForWrite(operationId: string): Promise<StoredOperation | null> {
    const hash = await this.redis.hgetall(this.keys.snapshot(operationId));
    const snapshot = decodeSnapshot(hash);
    return snapshot ? { snapshot, explicitProgress: hash[EXPLICIT_PROGRESS_FIELD] === '1' } : null;
  }

  async get(operationId: string): Promise<OperationSnapshot | null> {
    return decodeSnapshot(await this.redis.hgetall(this.keys.snapshot(operationId)));
  }

  async append(operationId: string, input: EventInput, options: AppendOptions = {}): Promise<AppendResult | AppendConflict | null> {
    // applyEvent's rule: the fields the event sets, written in the script's atomic step.
    const patch = eventPatch(input);
    const fields: string[] = [];
    for (const [field, value] of Object.entries(patch)) {
      // The status and the type go as arguments of their own: the script writes them only when they change.
      if (value !== undefined && field !== 'status' && field !== 'operationType') fields.push(field, JSON.stringify(value));
    }
    if (options.explicitProgress) fields.push(EXPLICIT_PROGRESS_FIELD, '1');
    const { event: name, ...live } = input;
    const result = await this.redis.lpAppend(
      this.keys.snapshot(operationId),
      this.keys.events(operationId),
      this.keys.expiring(),
      this.keys.leases(),
      this.keys.activity(),
      JSON.stringify(live),
      input.timestamp,
      this.options.maxEvents,
      this.options.terminalRetentionMs,
      this.keys.prefix,
      operationId,
      patch.status !== undefined ? JSON.stringify(patch.status) : '',
      this.keys.liveChannel(operationId),
      name,
      this.options.broadcast ? this.keys.adapterStream() : '',
      Rooms.operation(operationId),
      STORE_BROADCAST_UID,
      options.snapshot ? '1' : '0',
      options.expectedSeq !== undefined ? String(options.expectedSeq) : '',
      patch.operationType !== undefined ? JSON.stringify(patch.operationType) : '',
      patch.operationType !== undefined ? encodeURIComponent(patch.operationType) : '',
      ...fields,
    );
    if (!result) return null;
    const hash = result[1] ? flatToHash(result[1]) : null;
    const snapshot = hash ? decodeSnapshot(hash) : null;
    if (result[0] === -1) return { conflict: true, snapshot, explicitProgress: hash?.[EXPLICIT_PROGRESS_FIELD] === '1' };
    // The stored event is the one sent with its seq (OperationStore.append takes `input`): no copy comes back over the wire.
    const event = input as StoredEvent;
    event.seq = result[0];
    const appended: AppendResult = { event };
    if (this.options.broadcast) appended.broadcast = true;
    if (snapshot) appended.snapshot = snapshot;
    return appended;
  }

  async eventsAfter(operationId: string, afterSeq: number): Promise<EventsAfter> {
    const [entries, seqField] = await Promise.all([
      this.redis.xrange(this.keys.events(operationId), `(${afterSeq}-0`, '+'),
      this.redis.hget(this.keys.snapshot(operationId), 'seq'),
    ]);
    if (seqField === null) return { events: [], recovered: false };
    const seq = Number(seqField);
    if (afterSeq > seq) return { events: [], recovered: false };
    const events = entries.map(([, fields]) => JSON.parse(fields[1] as string) as StoredEvent);
    if (afterSeq === seq) return { events, recovered: true };
    return { events, recovered: events[0]?.seq === afterSeq + 1 };
  }

  async list(filter: ListFilter): Promise<OperationSnapshot[]> {
    const k = this.keys;
    const { tenantId, viewerId, status, operationType, limit } = filter;
    // The most selective index first; what it does not filter is checked on the snapshots.
    const index = status
      ? k.statusIndex(tenantId, status)
      : operationType
        ? k.typeIndex(tenantId, operationType)
        : viewerId !== undefined
          ? null
          : k.tenantIndex(tenantId);
    const found: OperationSnapshot[] = [];
    const accept = (s: OperationSnapshot) =>
      s.tenantId === tenantId &&
      (viewerId === undefined || s.ownerId === viewerId || s.visibility === 'tenant') &&
      (!status || s.status === status) &&
      (!operationType || s.operationType === operationType);
    if (index === null) {
      // Owner's own and tenant-visible operations: two indexes merged newest first.
      const [own, shared] = await Promise.all([
        this.redis.zrevrange(k.ownerIndex(tenantId, viewerId as string), 0, limit * 2 - 1, 'WITHSCORES'),
        this.redis.zrevrange(k.tenantVisibleIndex(tenantId), 0, limit * 2 - 1, 'WITHSCORES'),
      ]);
      const ids = mergeByScore(own, shared);
      for (const s of await this.fetch(ids)) if (s && accept(s)) found.push(s);
      return found.slice(0, limit);
    }
    for (let page = 0; page < SCAN_PAGES && found.length < limit; page++) {
      const ids = await this.redis.zrevrange(index, page * SCAN_PAGE, (page + 1) * SCAN_PAGE - 1);
      if (ids.length === 0) break;
      const snapshots = await this.fetch(ids);
      const gone = ids.filter((_, i) => snapshots[i] === null);
      if (gone.length > 0) await this.redis.zrem(index, ...gone);
      for (const s of snapshots) if (s && accept(s) && found.length < limit) found.push(s);
    }
    return found;
  }

  async expire(now: number): Promise<number> {
    const k = this.keys;
    const ids = await this.redis.zrangebyscore(k.expiring(), '-inf', now - this.options.terminalRetentionMs, 'LIMIT', 0, 500);
    for (const id of ids) {
      const s = await this.get(id);
      const tx = this.redis.multi().zrem(k.expiring(), id).zrem(k.activity(), id).del(k.snapshot(id), k.events(id));
      if (s) for (const index of this.indexKeys(s)) tx.zrem(index, id);
      await tx.exec();
    }
    return ids.length;
  }

  async delete(operationId: string): Promise<DeleteOutcome> {
    const k = this.keys;
    // The index keys are named after fields that no longer change once the operation has ended
    // (tenant, owner, status, type): read here, then checked ended inside the script.
    const s = await this.get(operationId);
    if (!s) return 'missing';
    if (!TERMINAL.has(s.status)) return 'running';
    const keys = [k.snapshot(operationId), k.events(operationId), ...this.indexKeys(s), k.expiring(), k.leases(), k.activity()];
    const deleted = await this.redis.lpDelete(keys.length, ...keys, operationId);
    return deleted === 1 ? 'deleted' : deleted === -1 ? 'running' : 'missing';
  }

  async staleOperations(idleMs: number, max = 100): Promise<string[]> {
    const k = this.keys;
    const ids = await this.redis.lpStale(k.activity(), idleMs, max);
    if (ids.length === 0) return [];
    // One that ended or is gone meanwhile (its terminal write takes it out, but a sweep may race it) leaves the set here.
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hget(k.snapshot(id), 'status');
    const statuses = ((await pipeline.exec()) ?? []).map(([err, value]) => (err ? null : (value as string | null)));
    const gone = ids.filter((_, i) => {
      const status = statuses[i];
      return status === null || status === undefined || TERMINAL.has(JSON.parse(status) as string);
    });
    if (gone.length > 0) await this.redis.zrem(k.activity(), ...gone);
    return ids.filter((id) => !gone.includes(id));
  }

  async markActive(operationId: string): Promise<void> {
    await this.redis.lpMarkActive(this.keys.activity(), operationId);
  }

  async probe(): Promise<StoreProbe> {
    await this.options.redis.ping();
    return { kind: 'redis' };
  }

  async close(): Promise<void> {
    // The client belongs to whoever made it.
  }

  /** Every list index an operation is in, by its snapshot (all status indexes: the one it is in depends on when it was read). */
  private indexKeys(s: OperationSnapshot): string[] {
    const k = this.keys;
    return [
      k.tenantIndex(s.tenantId),
      k.ownerIndex(s.tenantId, s.ownerId),
      ...Object.values(OperationStatus).map((status) => k.statusIndex(s.tenantId, status)),
      k.typeIndex(s.tenantId, s.operationType),
      k.tenantVisibleIndex(s.tenantId),
    ];
  }

  leases(leaseMs: number, logger?: Logger): ProducerLeases {
    return new RedisLeases(this.options.redis, this.keys, leaseMs, logger);
  }

  relay(logger?: Logger): EventRelay {
    return new RedisEventRelay(this.options.redis, this.keys, logger);
  }

  attemptLimiter(name: string, limit: TokenBucketLimit): AttemptLimiter {
    return new RedisAttemptLimiter(this.options.redis, (key) => this.keys.attemptBucket(name, key), limit);
  }

  /** The Socket.IO Redis streams adapter on the stream this store appends its broadcasts to. */
  async socketAdapter(): Promise<NonNullable<ServerOptions['adapter']>> {
    let createAdapter: typeof import('@socket.io/redis-streams-adapter').createAdapter;
    try {
      ({ createAdapter } = await import('@socket.io/redis-streams-adapter'));
    } catch {
      throw new LiveProgressConfigError('Redis mode needs the `@socket.io/redis-streams-adapter` package: install @socket.io/redis-streams-adapter@0.3.1');
    }
    return createAdapter(this.options.redis, adapterOptions(this.keys.adapterStream())) as NonNullable<ServerOptions['adapter']>;
  }

  private async fetch(ids: string[]): Promise<Array<OperationSnapshot | null>> {
    if (ids.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const id of ids) pipeline.hgetall(this.keys.snapshot(id));
    const results = (await pipeline.exec()) ?? [];
    return results.map(([err, value]) => (err ? null : decodeSnapshot(value as Record<string, string>)));
  }
}

const SNAPSHOT_FIELDS = [
  'operationId',
  'operationType',
  'name',
  'status',
  'stage',
  'progress',
  'message',
  'details',
  'stages',
  'tasks',
  'result',
  'error',
  'ownerId',
  'tenantId',
  'visibility',
  'createdAt',
  'updatedAt',
  'startedAt',
  'finishedAt',
  'estimatedCompletion',
  'seq',
] as const;

/** Bookkeeping beside the snapshot (StoredOperation); `_` fields are never part of the snapshot. */
const EXPLICIT_PROGRESS_FIELD = '_explicitProgress';

/** HGETALL's flat field/value list, as a script returns it, as a record. */
function flatToHash(flat: string[]): Record<string, string> {
  const hash: Record<string, string> = {};
  for (let i = 0; i < flat.length; i += 2) hash[flat[i] as string] = flat[i + 1] as string;
  return hash;
}

/** Rebuilds a snapshot in the contract's field order; optional fields follow when present. */
function decodeSnapshot(hash: Record<string, string>): OperationSnapshot | null {
  if (!hash || hash.operationId === undefined) return null;
  const snapshot: Record<string, unknown> = {};
  for (const field of SNAPSHOT_FIELDS) snapshot[field] = hash[field] === undefined ? null : JSON.parse(hash[field]);
  for (const [field, value] of Object.entries(hash)) {
    if (!(field in snapshot) && !field.startsWith('_')) snapshot[field] = JSON.parse(value);
  }
  return snapshot as unknown as OperationSnapshot;
}

function mergeByScore(a: string[], b: string[]): string[] {
  const scored = new Map<string, number>();
  for (const list of [a, b]) for (let i = 0; i < list.length; i += 2) scored.set(list[i] as string, Number(list[i + 1]));
  return [...scored.entries()].sort((x, y) => y[1] - x[1]).map(([id]) => id);
}
