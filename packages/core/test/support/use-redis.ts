import { type RunningRedis, startRedis } from '@liveprogress/test-support';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';

export interface RedisForTests {
  readonly server: RunningRedis;
  /** A connected ioredis client, disconnected after the file's tests. */
  readonly client: Redis;
}

/** A real redis-server and one client for the tests of the calling file (or describe block), stopped after them. */
export function useRedis(): RedisForTests {
  let server: RunningRedis | undefined;
  let client: Redis | undefined;
  beforeAll(async () => {
    server = await startRedis();
    client = new Redis(server.url);
  });
  afterAll(async () => {
    client?.disconnect();
    await server?.stop();
  });
  return {
    get server() {
      if (!server) throw new Error('useRedis(): the server starts in beforeAll');
      return server;
    },
    get client() {
      if (!client) throw new Error('useRedis(): the client connects in beforeAll');
      return client;
    },
  };
}
