import { randomUUID } from 'node:crypto';
import { Injectable, Module } from '@nestjs/common';
import type { StoredEvent } from '@liveprogress/protocol';
import { type RunningRedis, startRedis } from '@liveprogress/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OnOperationCompleted, OnOperationProgress } from '../src/index.js';
import { type TestApp, startTestApp, until } from './support/test-app.js';

/** Hooks filtered by the type the guide's operation is named with only later. */
@Injectable()
class MyOperationHooks {
  readonly seen: string[] = [];

  @OnOperationProgress('my_operation')
  progress(event: StoredEvent): void {
    this.seen.push(`progress:${event.operationId}:${event.seq}`);
  }

  @OnOperationCompleted('my_operation')
  completed(event: StoredEvent): void {
    this.seen.push(`completed:${event.operationId}:${event.seq}`);
  }
}

@Module({ providers: [MyOperationHooks] })
class MyOperationHooksModule {}

const owner = { userId: 'type-user', tenantId: 'type-tenant' };

async function listedIds(app: TestApp, operationType: string): Promise<string[]> {
  const res = await fetch(`${app.url}/api/v1/operations?operationType=${operationType}`, {
    headers: { authorization: `Bearer ${app.token(owner.userId, owner.tenantId)}` },
  });
  expect(res.status).toBe(200);
  const body = (await res.json()) as { operations: Array<{ operationId: string }> };
  return body.operations.map((o) => o.operationId);
}

describe.each(['memory', 'redis'] as const)('an operation whose type is named after it started (%s store)', (mode) => {
  let app: TestApp;
  let redis: RunningRedis | undefined;
  beforeAll(async () => {
    if (mode === 'redis') redis = await startRedis();
    app = await startTestApp(
      { coalesceIntervalMs: 10, ...(redis ? { redis: { url: redis.url, keyPrefix: 'type:' } } : {}) },
      { imports: [MyOperationHooksModule] },
    );
  });
  afterAll(async () => {
    await app.close();
    await redis?.stop();
  });

  it('carries the named type in the snapshot, the type index, every following event and the hooks filtered by it', async () => {
    const operationId = randomUUID();
    const events: StoredEvent[] = [];
    // The first update names no type, as in the guide's service: registered as `operation`.
    await app.ws.sendProgressUpdate({ operationId, stage: 'initialization', progress: 10, owner });
    await app.operations.handle(operationId)?.flushed();
    expect(await app.operations.get(operationId)).toMatchObject({ operationType: 'operation' });
    expect(await listedIds(app, 'operation')).toContain(operationId);

    await app.ws.sendProgressUpdate({ operationId, operationType: 'my_operation', stage: 'processing', progress: 50 });
    await app.ws.sendProgressUpdate({ operationId, stage: 'processing', progress: 70 });
    await app.operations.handle(operationId)?.flushed();
    expect(await app.operations.get(operationId)).toMatchObject({ operationType: 'my_operation' });
    expect(await listedIds(app, 'my_operation')).toContain(operationId);
    expect(await listedIds(app, 'operation')).not.toContain(operationId);

    await app.ws.sendOperationComplete(operationId, 'my_operation', { done: true });
    events.push(...(await app.operations.eventsAfter(operationId, 0)).events);
    expect(events.map((e) => [e.event, e.operationType])).toEqual([
      ['progress.updated', 'operation'],
      ['progress.updated', 'my_operation'],
      ['progress.updated', 'my_operation'],
      ['progress.completed', 'my_operation'],
    ]);
    const hooks = app.app.get(MyOperationHooks);
    await until(() => hooks.seen.includes(`completed:${operationId}:4`));
    expect(hooks.seen.filter((s) => s.includes(operationId))).toEqual([`progress:${operationId}:2`, `progress:${operationId}:3`, `completed:${operationId}:4`]);
  });

  it('keeps the first type named: a later call naming another type does not change it', async () => {
    const operationId = randomUUID();
    await app.ws.sendProgressUpdate({ operationId, operationType: 'my_operation', progress: 10, owner });
    await app.ws.sendOperationComplete(operationId, 'something_else', {});
    expect(await app.operations.get(operationId)).toMatchObject({ operationType: 'my_operation', status: 'completed' });
  });
});

describe('a type named on another node (redis store)', () => {
  let redis: RunningRedis;
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    redis = await startRedis();
    first = await startTestApp({ coalesceIntervalMs: 10, redis: { url: redis.url, keyPrefix: 'nodes:' } });
    second = await startTestApp({ coalesceIntervalMs: 10, redis: { url: redis.url, keyPrefix: 'nodes:' } });
  });
  afterAll(async () => {
    await first.close();
    await second.close();
    await redis.stop();
  });

  it('names the type of an operation the first node registered without one', async () => {
    const operationId = randomUUID();
    await first.ws.sendProgressUpdate({ operationId, progress: 10, owner });
    await first.operations.handle(operationId)?.flushed();
    await second.ws.sendOperationComplete(operationId, 'my_operation', { done: true });
    expect(await second.operations.get(operationId)).toMatchObject({ operationType: 'my_operation', status: 'completed' });
    expect(await listedIds(second, 'my_operation')).toContain(operationId);
  });
});
