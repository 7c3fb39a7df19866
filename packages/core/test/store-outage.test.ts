import { type RunningRedis, sleep, startRedis } from '@liveprogress/test-support';
import type { StoredEvent } from '@liveprogress/protocol';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Coordinator,
  LiveProgressPublisher,
  OperationEvents,
  OperationLifecycle,
  RedisOperationStore,
  SocketIoBroadcaster,
  resolveRuntimeOptions,
} from '../src/index.js';

const quiet = { error: () => undefined, warn: () => undefined };

function expectContiguous(events: StoredEvent[]): void {
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  expect(events.filter((e) => e.event !== 'progress.updated')).toHaveLength(1);
  expect(events.at(-1)?.event).toBe('progress.completed');
}

describe('writes while the store is away', () => {
  let redis: RunningRedis;
  let reader: Redis;
  beforeAll(async () => {
    redis = await startRedis();
    reader = new Redis(redis.url);
  });
  afterAll(async () => {
    reader.disconnect();
    await redis.stop();
  });

  it('keeps coalescing through a stall and stores the final state, terminal event included, with contiguous seq once Redis resumes', async () => {
    const publisher = await LiveProgressPublisher.connect({ url: redis.url, keyPrefix: 'stall:', coalesceIntervalMs: 50, logger: quiet });
    const store = new RedisOperationStore({ redis: reader, keyPrefix: 'stall:', maxEvents: 1000, terminalRetentionMs: 60_000 });
    try {
      const op = publisher.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
      op.update({ stage: 'reading', progress: 1 });
      await op.flushed();
      redis.pause();
      let reports = 0;
      const stallEnds = Date.now() + 3000; // longer than any request deadline
      for (let i = 0; Date.now() < stallEnds; i++) {
        op.update({ stage: i < 150 ? 'reading' : 'writing', progress: Math.min(99, 1 + i / 4), details: { rows: i } });
        reports++;
        await sleep(10);
      }
      op.complete({ rows: reports });
      redis.resume();
      await op.flushed();

      const { events } = await store.eventsAfter(op.id, 0);
      expectContiguous(events);
      // Bounded by the coalescing: the stall's ~300 reports became a handful of events, not one per interval (60) or per report.
      expect(reports).toBeGreaterThan(150);
      expect(events.length).toBeLessThanOrEqual(8);
      const lastUpdate = events.filter((e) => e.event === 'progress.updated').at(-1);
      expect(lastUpdate).toMatchObject({ stage: 'writing', details: { rows: reports - 1 } });
      expect(events.at(-1)).toMatchObject({ result: { rows: reports } });
      expect(await store.get(op.id)).toMatchObject({ status: 'completed', progress: 100, stage: 'writing', seq: events.length });
    } finally {
      redis.resume();
      await publisher.close();
    }
  }, 30_000);

  it('tries a write the store refused to take again, in order, until it is stored', async () => {
    // A client that fails commands at once while it is disconnected (no offline queue), and
    // waits 800 ms before reconnecting: a store that errors rather than waits.
    const client = new Redis(redis.url, { enableOfflineQueue: false, maxRetriesPerRequest: 0, retryStrategy: () => 800 });
    await new Promise((resolve) => client.once('ready', resolve));
    const store = new RedisOperationStore({ redis: client, keyPrefix: 'retry:', maxEvents: 1000, terminalRetentionMs: 60_000 });
    const warnings: string[] = [];
    const logger = { error: (m: string) => warnings.push(m), warn: (m: string) => warnings.push(m) };
    const broadcaster = new SocketIoBroadcaster();
    const coordinator = new Coordinator({
      store,
      broadcaster,
      events: new OperationEvents(broadcaster, store),
      lifecycle: new OperationLifecycle([], quiet),
      options: resolveRuntimeOptions({ coalesceIntervalMs: 20 }),
      logger,
    });
    try {
      const op = coordinator.runtime.start({ operationType: 'export', userId: 'u1', tenantId: 't1' });
      op.update({ progress: 5 });
      await op.flushed();
      await reader.call('CLIENT', 'KILL', 'TYPE', 'normal'); // drops every other client's connection, the store's included
      for (let i = 1; i <= 30; i++) {
        op.update({ progress: 5 + i, details: { step: i } });
        await sleep(10);
      }
      op.complete({ steps: 30 });
      await op.flushed();

      expect(warnings.some((w) => /failed \(try 1\), trying again/.test(w))).toBe(true);
      const { events } = await new RedisOperationStore({ redis: reader, keyPrefix: 'retry:', maxEvents: 1000, terminalRetentionMs: 60_000 }).eventsAfter(
        op.id,
        0,
      );
      expectContiguous(events);
      expect(events.at(-2)).toMatchObject({ progress: 35, details: { step: 30 } });
      expect(events.at(-1)).toMatchObject({ result: { steps: 30 } });
    } finally {
      await coordinator.stop();
      client.disconnect();
    }
  }, 30_000);
});
