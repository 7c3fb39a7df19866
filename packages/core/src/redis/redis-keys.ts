/**
 * Key names of the Redis store. Ids are URI-encoded inside names so that no two
 * ids collide (tenant `a:b` owner `c` and tenant `a` owner `b:c` get different keys).
 */
const enc = encodeURIComponent;

export class RedisKeys {
  constructor(readonly prefix: string) {}

  snapshot(id: string): string {
    return `${this.prefix}op:${enc(id)}`;
  }
  events(id: string): string {
    return `${this.prefix}ev:${enc(id)}`;
  }
  /** Pub/sub channel carrying an operation's events as they are stored. */
  liveChannel(id: string): string {
    return `${this.prefix}live:${enc(id)}`;
  }
  /** The Socket.IO Redis streams adapter's stream (its `streamName`), shared by every node. */
  adapterStream(): string {
    return `${this.prefix}socket.io`;
  }
  /** Finished operations by finish time, for expiry. */
  expiring(): string {
    return `${this.prefix}expiring`;
  }
  /** Running operations by lease expiry, for producer liveness. */
  leases(): string {
    return `${this.prefix}leases`;
  }
  /** Running operations by their last activity (Redis's clock), for the STALLED sweep. */
  activity(): string {
    return `${this.prefix}active`;
  }
  /** A token bucket of the attempt limiter named `limiter` (e.g. `hs-user`) for `key`. */
  attemptBucket(limiter: string, key: string): string {
    return `${this.prefix}limit:${enc(limiter)}:${enc(key)}`;
  }
  tenantIndex(tenantId: string): string {
    return `${this.prefix}idx:tenant:${enc(tenantId)}`;
  }
  ownerIndex(tenantId: string, ownerId: string): string {
    return `${this.prefix}idx:owner:${enc(tenantId)}:${enc(ownerId)}`;
  }
  tenantVisibleIndex(tenantId: string): string {
    return `${this.prefix}idx:shared:${enc(tenantId)}`;
  }
  statusIndex(tenantId: string, status: string): string {
    return `${this.prefix}idx:status:${enc(tenantId)}:${status}`;
  }
  typeIndex(tenantId: string, operationType: string): string {
    return `${this.prefix}idx:type:${enc(tenantId)}:${enc(operationType)}`;
  }
}
