import type { Redis } from 'ioredis';
import { LiveProgressConfigError } from '../errors.js';

export interface RedisOptions {
  /** `redis://host:port/db`; ignored when `client` is given. */
  url?: string;
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

  static async open(options: RedisOptions): Promise<RedisConnection> {
    if (options.client) return new RedisConnection(options.client, false);
    if (!options.url) throw new LiveProgressConfigError('`redis` needs a `url` (redis://host:port) or a `client`');
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
    const client = new Ctor(options.url, { lazyConnect: true, maxRetriesPerRequest: null });
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

/** How long closing waits for Redis to acknowledge QUIT (a stalled server never does). */
const QUIT_WAIT_MS = 2000;
