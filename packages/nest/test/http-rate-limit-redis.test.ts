import { type RunningRedis, sleep, startRedis } from '@liveprogress/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type TestApp, startTestApp } from './support/test-app.js';
import { twoNodesOnRedis } from './support/two-nodes.js';

const ROOMY = { points: 10_000, durationMs: 1000 };
const POINTS = 6;

async function get(app: TestApp, token: string): Promise<{ status: number; code: unknown }> {
  const res = await fetch(`${app.url}/api/v1/operations`, { headers: { authorization: `Bearer ${token}` } });
  const body = (await res.json()) as { error?: { code?: unknown } };
  return { status: res.status, code: body.error?.code };
}

describe('HTTP rate limit in Redis mode', () => {
  // A long window, so the bucket barely refills while the test runs.
  const nodes = twoNodesOnRedis((url) => ({
    redis: { url, keyPrefix: 'http-rl:' },
    rateLimit: { http: { points: POINTS, durationMs: 60_000 }, handshake: { perUser: ROOMY, perAddress: ROOMY } },
  }));

  it("spends one user's requests spread over two nodes from one bucket, refusing the rest 429 RATE_LIMITED, while another user is served", async () => {
    const token = nodes.nodeA.token('u1', 't1');
    const outcomes = [];
    for (let i = 0; i < 10; i += 1) outcomes.push(await get(i % 2 === 0 ? nodes.nodeA : nodes.nodeB, token));
    const accepted = outcomes.filter((o) => o.status === 200);
    const refused = outcomes.filter((o) => o.status === 429);
    // The configured points in all, not that many per node.
    expect(accepted.length).toBe(POINTS);
    expect(refused.length).toBe(10 - POINTS);
    for (const refusal of refused) expect(refusal.code).toBe('RATE_LIMITED');
    // Both nodes refuse once the shared bucket is empty.
    expect(await get(nodes.nodeA, token)).toEqual({ status: 429, code: 'RATE_LIMITED' });
    expect(await get(nodes.nodeB, token)).toEqual({ status: 429, code: 'RATE_LIMITED' });

    // Another user, on either node, has a bucket of their own; so does the same user id in another tenant.
    expect((await get(nodes.nodeA, nodes.nodeA.token('u2', 't1'))).status).toBe(200);
    expect((await get(nodes.nodeB, nodes.nodeB.token('u2', 't1'))).status).toBe(200);
    expect((await get(nodes.nodeB, nodes.nodeB.token('u1', 't2'))).status).toBe(200);
  });

  it('bounds a concurrent burst over both nodes by the configured points', async () => {
    const token = nodes.nodeA.token('burst', 't1');
    const statuses = await Promise.all(Array.from({ length: 30 }, (_, i) => get(i % 2 === 0 ? nodes.nodeA : nodes.nodeB, token).then((o) => o.status)));
    expect(statuses.filter((s) => s === 200).length).toBe(POINTS);
    expect(statuses.filter((s) => s === 429).length).toBe(30 - POINTS);
  });
});

describe('HTTP rate limit while Redis does not answer', () => {
  let redis: RunningRedis;
  let app: TestApp;
  afterEach(async () => {
    redis?.resume();
    await app?.close();
    await redis?.stop();
    vi.restoreAllMocks();
  });

  it('lets requests through once the limit check passes its deadline, and logs the outage once', async () => {
    redis = await startRedis();
    app = await startTestApp({ redis: { url: redis.url, keyPrefix: 'http-stall:' }, rateLimit: { http: { points: 1, durationMs: 60_000 } } });
    const token = app.token('u1', 't1');
    expect((await get(app, token)).status).toBe(200);
    expect(await get(app, token)).toEqual({ status: 429, code: 'RATE_LIMITED' });

    const lines: string[] = [];
    const write = process.stderr.write.bind(process.stderr);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array, ...rest: unknown[]) => {
      lines.push(String(chunk));
      return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
    });
    redis.pause();
    // Three requests of an exhausted user while the store is frozen; the handler's own store
    // reads wait for the resume, but none of them is refused.
    const during = Array.from({ length: 3 }, () => get(app, token));
    await sleep(1500);
    redis.resume();
    const outcomes = await Promise.all(during);
    expect(outcomes.map((o) => o.status)).toEqual([200, 200, 200]);
    expect(lines.filter((line) => line.includes('checking HTTP rate limits in the store failed')).length).toBe(1);
    // Once the store answers again, the user's empty bucket is enforced again.
    expect(await get(app, token)).toEqual({ status: 429, code: 'RATE_LIMITED' });
  }, 20_000);
});
