import { type RunningRedis, startRedis, until } from '@liveprogress/test-support';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Logger } from '../src/index.js';
import { RedisEventRelay } from '../src/redis/redis-event-relay.js';
import { RedisKeys } from '../src/redis/redis-keys.js';
import { RedisLeases } from '../src/redis/redis-leases.js';

function capturingLogger(): Logger & { lines: Array<[level: string, message: string]> } {
  const lines: Array<[string, string]> = [];
  return { lines, error: (m) => lines.push(['error', m]), warn: (m) => lines.push(['warn', m]) };
}

describe('background calls into a stalled Redis', () => {
  let server: RunningRedis;
  let client: Redis;
  const clientErrors: Error[] = [];
  beforeAll(async () => {
    server = await startRedis();
    // Commands that wait longer than this fail, as they would on a dropped connection.
    client = new Redis(server.url, { commandTimeout: 100 });
    client.on('error', (err) => clientErrors.push(err));
  });
  afterAll(async () => {
    server.resume();
    client.disconnect();
    await server.stop();
  });

  it('logs a failing lease renewal once for the whole stall, and once when it works again', async () => {
    const logger = capturingLogger();
    const leases = new RedisLeases(client, new RedisKeys('log:'), 300, logger);
    leases.startHeartbeat(() => ['op-1', 'op-2']);
    try {
      server.pause();
      // About ten heartbeats, each failing.
      await new Promise((r) => setTimeout(r, 1100));
      expect(logger.lines).toHaveLength(1);
      expect(logger.lines[0]?.[0]).toBe('error');
      expect(logger.lines[0]?.[1]).toMatch(/^renewing producer leases in Redis failed: .*PRODUCER_LOST.*logged once until it works again/);
      server.resume();
      await until(() => logger.lines.length === 2, 'the recovery line', 5000);
      expect(logger.lines[1]).toEqual(['warn', 'renewing producer leases in Redis works again']);
      await new Promise((r) => setTimeout(r, 400));
      expect(logger.lines).toHaveLength(2);
    } finally {
      server.resume();
      leases.stopHeartbeat();
    }
  });

  it("logs a failing subscription to other nodes' events once, however many streams ask for one", async () => {
    const logger = capturingLogger();
    const relay = new RedisEventRelay(client, new RedisKeys('log:'), logger);
    try {
      await until(async () => (await client.ping()) === 'PONG');
      await new Promise((r) => setTimeout(r, 100));
      server.pause();
      const offs = ['a', 'b', 'c'].map((id) => relay.watch(id, () => undefined));
      await until(() => logger.lines.length > 0, 'the failure line', 5000);
      await new Promise((r) => setTimeout(r, 300));
      expect(logger.lines).toHaveLength(1);
      expect(logger.lines[0]?.[1]).toMatch(/^subscribing to the live events of other nodes failed/);
      server.resume();
      for (const off of offs) off();
    } finally {
      server.resume();
      await relay.close();
    }
  });
});
