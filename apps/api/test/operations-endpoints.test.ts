import { type RunningApi, type RunningRedis, startApi, startRedis } from '@liveprogress/test-support';
import { afterAll, describe, expect, it } from 'vitest';

describe('the demo API in production (docs/operations.md)', () => {
  const apis: RunningApi[] = [];
  let redis: RunningRedis | undefined;
  afterAll(async () => {
    redis?.resume();
    await Promise.all(apis.map((api) => api.stop()));
    await redis?.stop();
  });

  it('serves a Prometheus scrape at /metrics with the LiveProgress and Node process metrics, and /health up with the store', async () => {
    const api = await startApi();
    apis.push(api);
    const metrics = await fetch(`${api.url}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain('# TYPE liveprogress_events_stored_total counter');
    expect(text).toContain('# TYPE liveprogress_publish_lag_seconds histogram');
    expect(text).toMatch(/^liveprogress_process_resident_memory_bytes \d+/m);
    const health = await fetch(`${api.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', info: { store: { status: 'up', kind: 'memory', operations: 0 } } });
  });

  it('serves no /metrics with METRICS=off', async () => {
    const api = await startApi({ METRICS: 'off' });
    apis.push(api);
    expect((await fetch(`${api.url}/metrics`)).status).toBe(404);
  });

  it('answers /health 503 with the terminus body while its Redis is paused', async () => {
    redis = await startRedis();
    const api = await startApi({ REDIS_URL: redis.url });
    apis.push(api);
    expect((await fetch(`${api.url}/health`)).status).toBe(200);
    redis.pause();
    let res: Response;
    try {
      res = await fetch(`${api.url}/health`);
    } finally {
      redis.resume();
    }
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ status: 'error', error: { store: { status: 'down', message: expect.stringContaining('did not answer') } } });
  }, 60_000);
});
