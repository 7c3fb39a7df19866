import type { Redis } from 'ioredis';
import { type Logger, consoleLogger } from '../logger.js';
import { OutageLog } from '../outage-log.js';
import { StoreHealth } from '../store/store-health.js';
import type { ProducerLeases } from '../store/producer-leases.js';
import type { RedisKeys } from './redis-keys.js';
import { EXPIRED_LEASES_SCRIPT, RENEW_LEASES_SCRIPT } from './redis-scripts.js';

type LeaseScripted = Redis & {
  lpRenewLeases(key: string, leaseMs: number, ...idsAndKeys: string[]): Promise<[number, ...string[]]>;
  lpExpiredLeases(key: string, max: number): Promise<string[]>;
};

/**
 * Producer liveness: each running operation has a lease in a sorted set, renewed by the
 * process doing its work (on every write and by a heartbeat). Deadlines are set and read
 * on Redis's clock, inside Lua, so neither the processes' clock skew nor the time a
 * command waited in a stalled connection shortens a lease: a renewal queued during a stall
 * runs when Redis answers again and gives a full lease from then.
 */
export class RedisLeases implements ProducerLeases {
  private readonly redis: LeaseScripted;
  private readonly renewedAt = new Map<string, number>();
  private readonly health: StoreHealth;
  private heartbeat: ReturnType<typeof setInterval> | undefined;
  private running: (() => string[]) | undefined;
  private ended: ((operationIds: string[]) => void) | undefined;
  private unlisten: (() => void) | undefined;
  private beats = 0;
  private readonly renewals: OutageLog;
  private readonly releases: OutageLog;

  constructor(
    redis: Redis,
    private readonly keys: RedisKeys,
    private readonly leaseMs: number,
    logger: Logger = consoleLogger('LiveProgressLeases'),
  ) {
    this.renewals = new OutageLog(
      logger,
      'renewing producer leases in Redis',
      "If it lasts past producerLeaseMs, other nodes may fail this process's running operations as PRODUCER_LOST; renewal is retried on every heartbeat",
    );
    this.releases = new OutageLog(logger, 'releasing the lease of a finished operation', 'The lease is left to expire; nothing else is affected');
    const scripted = redis as LeaseScripted;
    if (typeof scripted.lpRenewLeases !== 'function') {
      scripted.defineCommand('lpRenewLeases', { numberOfKeys: 1, lua: RENEW_LEASES_SCRIPT });
      scripted.defineCommand('lpExpiredLeases', { numberOfKeys: 1, lua: EXPIRED_LEASES_SCRIPT });
    }
    this.redis = scripted;
    // A stall shorter than this is harmless: a lease renewed every third of its length outlives it
    // (docs/scaling.md, "Producer liveness").
    this.health = new StoreHealth(leaseMs / 4, redis.status === 'ready');
  }

  hold(operationId: string): void {
    const now = Date.now();
    // Renewing on every write would cost a round trip per event; a third of the lease is plenty.
    if (now - (this.renewedAt.get(operationId) ?? 0) < this.leaseMs / 3) return;
    this.renewedAt.set(operationId, now);
    void this.renew([operationId]).then(
      () => this.renewals.succeeded(),
      (err: unknown) => this.renewals.failed(err),
    );
  }

  release(operationId: string): void {
    this.renewedAt.delete(operationId);
    void this.redis.zrem(this.keys.leases(), operationId).then(
      () => this.releases.succeeded(),
      (err: unknown) => this.releases.failed(err),
    );
  }

  /**
   * Renews the leases of `running()` every third of the lease, until stopped; also the
   * moment the connection is ready again, and once more when a renewal was answered late
   * (it may have run before the stall, so its lease may have run out during it). Runs with
   * no operations too: its answers tell this process whether the store is there.
   */
  startHeartbeat(running: () => string[], ended?: (operationIds: string[]) => void): void {
    this.running = running;
    this.ended = ended;
    this.heartbeat = setInterval(() => this.beat(), this.leaseMs / 3);
    this.heartbeat.unref();
    const onReady = () => this.beat();
    const onClose = () => this.health.lost();
    this.redis.on('ready', onReady);
    this.redis.on('close', onClose);
    this.unlisten = () => {
      this.redis.off('ready', onReady);
      this.redis.off('close', onClose);
    };
  }

  stopHeartbeat(): void {
    clearInterval(this.heartbeat);
    this.unlisten?.();
    this.unlisten = undefined;
    this.running = undefined;
    this.ended = undefined;
  }

  expired(max = 100): Promise<string[]> {
    return this.health.timed(() => this.redis.lpExpiredLeases(this.keys.leases(), max));
  }

  forget(operationId: string): Promise<number> {
    return this.redis.zrem(this.keys.leases(), operationId);
  }

  healthyForMs(): number {
    return this.health.healthyForMs();
  }

  private beat(): void {
    const running = this.running;
    if (!running) return;
    const beat = ++this.beats;
    const ids = running();
    const now = Date.now();
    for (const id of ids) this.renewedAt.set(id, now);
    const started = performance.now();
    this.renew(ids).then(
      () => {
        this.renewals.succeeded();
        // Late: the store was away. Re-assert at once — unless a later beat is already on its way.
        if (performance.now() - started > this.leaseMs / 4 && beat === this.beats) this.beat();
      },
      // Failed (the connection dropped): the 'ready' listener re-asserts when it is back.
      (err: unknown) => this.renewals.failed(err),
    );
  }

  /** Renews the leases of `ids`; those the store says have ended are dropped and reported to `ended`. */
  private async renew(ids: string[]): Promise<void> {
    const idsAndKeys = ids.flatMap((id) => [id, this.keys.snapshot(id)]);
    const [, ...ended] = await this.health.timed(() => this.redis.lpRenewLeases(this.keys.leases(), this.leaseMs, ...idsAndKeys));
    if (ended.length === 0) return;
    for (const id of ended) this.renewedAt.delete(id);
    this.ended?.(ended);
  }
}
