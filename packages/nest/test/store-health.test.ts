import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { type RunningRedis, startRedis } from '@liveprogress/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HealthFixtureModule } from './support/health.fixture.js';
import { sampleOf } from './support/prometheus-scrape.js';
import { type TestApp, startTestApp } from './support/test-app.js';

const health = async (app: TestApp) => {
  const res = await fetch(`${app.url}/health`);
  return { status: res.status, body: (await res.json()) as Record<string, any> };
};

describe('the store health indicator', () => {
  it('answers 200 up for the in-memory store, with its operation count', async () => {
    const app = await startTestApp({}, { imports: [HealthFixtureModule] });
    try {
      app.operations.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
      app.operations.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
      const { status, body } = await health(app);
      expect(status).toBe(200);
      expect(body).toMatchObject({ status: 'ok', info: { store: { status: 'up', kind: 'memory', operations: 2 } } });
    } finally {
      await app.close();
    }
  });

  describe('on Redis', () => {
    let redis: RunningRedis;
    let app: TestApp;
    beforeAll(async () => {
      redis = await startRedis();
      app = await startTestApp({ redis: { url: redis.url, keyPrefix: 'health:' }, storeTimeoutMs: 300, metrics: {} }, { imports: [HealthFixtureModule] });
    });
    afterAll(async () => {
      redis?.resume();
      await app?.close();
      await redis?.stop();
    });

    it('answers 200 up with the PING latency, 503 down while Redis is paused, and up again once it resumes', async () => {
      const up = await health(app);
      expect(up.status).toBe(200);
      expect(up.body.info.store).toMatchObject({ status: 'up', kind: 'redis', latencyMs: expect.any(Number) });
      expect(up.body.info.store.latencyMs).toBeLessThan(200);
      const op = app.operations.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
      await op.flushed();

      redis.pause();
      let down: Awaited<ReturnType<typeof health>>;
      let unavailable: number;
      try {
        down = await health(app);
        unavailable = (await fetch(`${app.url}/api/v1/operations/${op.id}`, { headers: { authorization: `Bearer ${app.token('u1', 't1')}` } })).status;
      } finally {
        redis.resume();
      }
      expect(down.status).toBe(503);
      expect(down.body).toMatchObject({ status: 'error', error: { store: { status: 'down', message: expect.stringContaining('300 ms') } } });
      // The same stall, seen by a client request and counted.
      expect(unavailable).toBe(503);
      const scrape = await (await fetch(`${app.url}/metrics`)).text();
      expect(sampleOf(scrape, 'liveprogress_store_unavailable_total', { operation: 'get' })).toBe(1);

      const again = await health(app);
      expect(again.status).toBe(200);
      expect(again.body.info.store.status).toBe('up');
      op.complete();
      await op.flushed();
    }, 20_000);
  });

  it('loads @liveprogress/nest without prom-client or @nestjs/terminus installed (both optional peers)', async () => {
    // A child process where resolving either package fails, as it does where they are not installed.
    const hooks = `export async function resolve(specifier, context, next) {
      if (specifier === 'prom-client' || specifier.startsWith('@nestjs/terminus')) throw new Error('not installed: ' + specifier);
      return next(specifier, context);
    }`;
    const script = `
      import { register } from 'node:module';
      register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(hooks)}));
      const nest = await import('@liveprogress/nest');
      console.log(typeof nest.LiveProgressHealthIndicator, typeof nest.createMetricsController);`;
    const { stdout } = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], { cwd: new URL('..', import.meta.url) });
    expect(stdout.trim()).toBe('function function');
  });
});
