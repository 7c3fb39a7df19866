import type { Redis, RedisOptions as IoRedisOptions } from 'ioredis';
import { LiveProgressConfigError } from '../errors.js';
import { type SentinelSetup, parseSentinelUrl } from './sentinel-url.js';

export type { SentinelSetup } from './sentinel-url.js';

export interface RedisOptions {
  /**
   * `redis://[:password@]host:port[/db]`, or a Sentinel set-up as
   * `redis+sentinel://[:password@]host:port,host:port/masterName[/db]`; ignored when `client` or
   * `sentinel` is given.
   */
  url?: string;
  /** A Redis primary found through Sentinel, which follows it across failovers (docs/scaling.md, Redis high availability). */
  sentinel?: SentinelSetup;
  /** An ioredis client you already have; it is not closed by the module. */
  client?: Redis;
  /** Prefix of every key the store writes; default `lp:`. */
  keyPrefix?: string;
}

/** The module's Redis client, opened from options; loads ioredis only in Redis mode, so it stays an optional dependency. */
export class RedisConnection {
  private constructor(
    readonly client: Redis | null,
    private readonly owned: boolean,
  ) {}

  static none(): RedisConnection {
    return new RedisConnection(null, false);
  }

  /**
   * `producerLeaseMs`: reconnection attempts are made at most a quarter of it apart (and at most
   * ioredis's own 2 s), so after an outage every process is back within a quarter lease of the
   * store, well inside the lease period a sweeping node waits for (docs/scaling.md, "Through a
   * store outage"). ioredis's own delay grows to 2 s apart in a long outage: with a lease that
   * short, a producer could come back a whole lease after a node and lose its operations.
   */
  static async open(options: RedisOptions, producerLeaseMs: number): Promise<RedisConnection> {
    if (options.client) return new RedisConnection(options.client, false);
    const sentinel = options.sentinel ?? (options.url?.startsWith('redis+sentinel:') ? parseSentinelUrl(options.url) : undefined);
    if (!sentinel && !options.url) {
      throw new LiveProgressConfigError('`redis` needs a `url` (redis://host:port), a `sentinel` set-up or a `client`');
    }
    let Ctor: typeof import('ioredis').Redis;
    try {
      ({ Redis: Ctor } = await import('ioredis'));
    } catch {
      throw new LiveProgressConfigError('Redis mode needs the `ioredis` package: install ioredis@6 and @socket.io/redis-streams-adapter');
    }
    // `maxRetriesPerRequest: null`: while the connection is down, commands wait for it to come
    // back instead of failing after three reconnect attempts. Nothing is lost that way, and
    // nothing hangs a client request either: those calls are bounded by `storeTimeoutMs`
    // (withDeadline), and a handle's writes wait, coalesced, in its WriteQueue.
    const apartMs = Math.min(MAX_RECONNECT_DELAY_MS, producerLeaseMs / 4);
    const common: IoRedisOptions = {
      lazyConnect: true,
      maxRetriesPerRequest: null,
      retryStrategy: (attempt) => Math.min(attempt * 50, apartMs),
      sentinelRetryStrategy: (attempt) => Math.min(attempt * 10, apartMs, SENTINEL_RECONNECT_DELAY_MS),
    };
    const client = sentinel ? new Ctor({ ...common, ...sentinelClientOptions(sentinel) }) : new Ctor(options.url as string, common);
    await client.connect();
    return new RedisConnection(client, true);
  }

  /** After every beforeApplicationShutdown hook, so the last writes are flushed first. */
  async onApplicationShutdown(): Promise<void> {
    await this.close();
  }

  async close(): Promise<void> {
    const client = this.owned ? this.client : null;
    if (!client) return;
    // Commands wait for a reconnect (above), QUIT included: a server that is away is left at once instead.
    if (client.status !== 'ready') return client.disconnect();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const away = new Promise<void>((resolve) => (timer = setTimeout(resolve, QUIT_WAIT_MS)));
    await Promise.race([client.quit().catch(() => undefined), away]);
    clearTimeout(timer);
    client.disconnect();
  }
}

function sentinelClientOptions(setup: SentinelSetup): IoRedisOptions {
  if (setup.sentinels.length === 0) throw new LiveProgressConfigError('`redis.sentinel.sentinels` needs at least one { host, port }');
  return {
    sentinels: setup.sentinels.map(({ host, port }) => ({ host, port })),
    name: setup.masterName,
    password: setup.password,
    sentinelPassword: setup.sentinelPassword,
    db: setup.db,
    // A primary that is only unreachable (partitioned, paused) keeps its TCP connections open, so
    // nothing would tell the client a failover happened: listen to the Sentinels' `+switch-master`
    // and reconnect to the new primary at once.
    failoverDetector: true,
  };
}

/** ioredis's defaults: the longest wait between reconnection attempts, to the server and to the Sentinels. */
const MAX_RECONNECT_DELAY_MS = 2000;
const SENTINEL_RECONNECT_DELAY_MS = 1000;

/** How long closing waits for Redis to acknowledge QUIT (a stalled server never does). */
const QUIT_WAIT_MS = 2000;
