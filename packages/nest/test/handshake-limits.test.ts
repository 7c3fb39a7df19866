import { signToken } from '@liveprogress/test-support';
import { Redis } from 'ioredis';
import { Socket } from 'socket.io-client';
import { execFile } from 'node:child_process';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type TestApp, request, sleep, startTestApp, until } from './support/test-app.js';
import { twoNodesOnRedis } from './support/two-nodes.js';

interface Refusal {
  message: string;
  code: unknown;
}

/** Connects and reports how the handshake ended: the socket, or the connect_error's message and code. */
async function attempt(app: TestApp, token: string | undefined): Promise<Socket | Refusal> {
  try {
    return await app.connect(token);
  } catch (err) {
    const error = err as Error & { data?: { code?: unknown } };
    return { message: error.message, code: error.data?.code };
  }
}

function refusalOf(outcome: Socket | Refusal): Refusal | null {
  if (!(outcome instanceof Socket)) return outcome;
  outcome.disconnect();
  return null;
}

const RATE_LIMITED = { message: 'rate_limited', code: 'RATE_LIMITED' };
const ROOMY = { points: 10_000, durationMs: 1000 };

describe('handshake limits in memory mode', () => {
  let app: TestApp;
  afterEach(async () => {
    await app?.close();
  });

  it("refuses one user's handshakes with rate_limited once the bucket is empty, while another tenant's user still connects and gets progress", async () => {
    app = await startTestApp({ coalesceIntervalMs: 10, rateLimit: { handshake: { perUser: { points: 5, durationMs: 60_000 }, perAddress: ROOMY } } });
    const flooder = app.token('u1', 't1');
    for (let i = 0; i < 5; i += 1) expect(refusalOf(await attempt(app, flooder))).toBeNull();
    for (let i = 0; i < 5; i += 1) expect(refusalOf(await attempt(app, flooder))).toEqual(RATE_LIMITED);

    const op = app.operations.start({ operationType: 'import', userId: 'u2', tenantId: 't2' });
    const other = await app.connect(app.token('u2', 't2'));
    const progress: number[] = [];
    other.on('progress.updated', (payload: { progress: number }) => progress.push(payload.progress));
    await request(other, 'operation.subscribe', { operationId: op.id });
    op.update({ progress: 40 });
    await until(() => progress.includes(40));
    other.disconnect();
  });

  it('refuses an exhausted user before verifying the token: a forged token for that user is rate_limited, not unauthorized', async () => {
    app = await startTestApp({ rateLimit: { handshake: { perUser: { points: 2, durationMs: 60_000 }, perAddress: ROOMY } } });
    for (let i = 0; i < 2; i += 1) expect(refusalOf(await attempt(app, app.token('u1', 't1')))).toBeNull();
    const forged = signToken({ sub: 'u1', tenantId: 't1' }, { secret: 'not-the-server-secret-0123456789abcdef', expiresIn: 3600 });
    expect(refusalOf(await attempt(app, forged))).toEqual(RATE_LIMITED);
  });

  it("does not let forged tokens naming a user spend that user's attempts", async () => {
    app = await startTestApp({ rateLimit: { handshake: { perUser: { points: 2, durationMs: 60_000 }, perAddress: ROOMY } } });
    const forged = signToken({ sub: 'victim', tenantId: 't1' }, { secret: 'not-the-server-secret-0123456789abcdef', expiresIn: 3600 });
    for (let i = 0; i < 10; i += 1) expect(refusalOf(await attempt(app, forged))).toEqual({ message: 'unauthorized', code: 'TOKEN_INVALID' });
    expect(refusalOf(await attempt(app, app.token('victim', 't1')))).toBeNull();
  });

  it('limits attempts per client address before reading any token, whoever they claim to be', async () => {
    app = await startTestApp({ rateLimit: { handshake: { perUser: ROOMY, perAddress: { points: 4, durationMs: 60_000 } } } });
    for (let i = 0; i < 4; i += 1) expect(refusalOf(await attempt(app, app.token(`user-${i}`, `tenant-${i}`)))).toBeNull();
    expect(refusalOf(await attempt(app, app.token('fresh', 'fresh-tenant')))).toEqual(RATE_LIMITED);
    // No token at all would be TOKEN_MISSING; the address limit answers first.
    expect(refusalOf(await attempt(app, undefined))).toEqual(RATE_LIMITED);
  });

  it('refills a bucket over its window', async () => {
    app = await startTestApp({ rateLimit: { handshake: { perUser: { points: 2, durationMs: 400 }, perAddress: ROOMY } } });
    const token = app.token('u1', 't1');
    for (let i = 0; i < 2; i += 1) expect(refusalOf(await attempt(app, token))).toBeNull();
    expect(refusalOf(await attempt(app, token))).toEqual(RATE_LIMITED);
    await sleep(250);
    expect(refusalOf(await attempt(app, token))).toBeNull();
  });

  it("refuses most of a bounded handshake storm while another tenant's progress keeps flowing (figure)", async () => {
    const limited = await stormFigure({});
    // The same storm with the limits out of the way, for comparison.
    const unlimited = await stormFigure({ handshake: { perUser: { points: 1e9, durationMs: 1000 }, perAddress: { points: 1e9, durationMs: 1000 } } });
    for (const [name, figure] of [
      ['default limits', limited],
      ['no limits', unlimited],
    ] as const) {
      const { accepted, refused, other } = figure.counts;
      const attempts = accepted + refused + other;
      console.log(
        `handshake storm, ${name} (40 sockets of one tenant from another process, 3 s): ${attempts} attempts, ${accepted} accepted, ${refused} refused RATE_LIMITED (${((100 * refused) / attempts).toFixed(1)} %); other tenant's progress p99 ${figure.p99Before} ms before, ${figure.p99During} ms during (${figure.updatesDuring} updates)`,
      );
    }
    expect(limited.counts.other).toBe(0);
    // The address bucket (60 per 10 s) and the user bucket (20 per 10 s) bound what gets through in 3 s.
    expect(limited.counts.accepted).toBeLessThanOrEqual(20 + 6 + 2);
    expect(limited.counts.refused).toBeGreaterThan(limited.counts.accepted);
    expect(limited.updatesDuring).toBeGreaterThan(50);
  }, 40_000);
});

interface StormFigure {
  counts: { accepted: number; refused: number; other: number };
  p99Before: number;
  p99During: number;
  updatesDuring: number;
}

/**
 * Starts an app with these handshake limits, streams an operation of a quiet tenant to a
 * subscribed socket (one update every 20 ms, each carrying its send time) for 1.5 s, then
 * during a 3 s storm of one noisy tenant's handshakes run from a child process.
 */
async function stormFigure(rateLimit: NonNullable<Parameters<typeof startTestApp>[0]>['rateLimit']): Promise<StormFigure> {
  const app = await startTestApp({ coalesceIntervalMs: 10, ...(rateLimit ? { rateLimit } : {}) });
  try {
    const op = app.operations.start({ operationType: 'import', userId: 'watcher', tenantId: 'quiet' });
    const watcher = await app.connect(app.token('watcher', 'quiet'));
    const latencies: number[] = [];
    watcher.on('progress.updated', (payload: { message: string | null }) => {
      if (payload.message) latencies.push(Date.now() - Number(payload.message));
    });
    await request(watcher, 'operation.subscribe', { operationId: op.id });
    let tick = 0;
    const producer = setInterval(() => {
      tick += 1;
      op.update({ progress: Math.min(99, tick / 50), message: String(Date.now()) });
    }, 20);
    await sleep(1500);
    const before = latencies.splice(0);
    const counts = await runStorm(app.url, app.token('stormer', 'noisy'), 40, 3000);
    const during = latencies.splice(0);
    clearInterval(producer);
    op.complete();
    return { counts, p99Before: p99(before), p99During: p99(during), updatesDuring: during.length };
  } finally {
    await app.close();
  }
}

function runStorm(url: string, token: string, sockets: number, durationMs: number): Promise<StormFigure['counts']> {
  const script = fileURLToPath(new URL('./support/handshake-storm.mjs', import.meta.url));
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [script, url, token, String(sockets), String(durationMs)],
      { cwd: dirname(script), timeout: durationMs + 15_000 },
      (err, stdout) => (err ? reject(err) : resolve(JSON.parse(stdout))),
    );
  });
}

function p99(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.max(0, Math.ceil(values.length * 0.99) - 1)] ?? Number.NaN;
}

describe('handshake limits in Redis mode', () => {
  const nodes = twoNodesOnRedis((url) => ({
    redis: { url, keyPrefix: 'hs:' },
    rateLimit: { handshake: { perUser: { points: 6, durationMs: 60_000 }, perAddress: ROOMY } },
  }));

  it("spends one user's attempts from one bucket on every node", async () => {
    const token = nodes.nodeA.token('u1', 't1');
    for (let i = 0; i < 3; i += 1) {
      expect(refusalOf(await attempt(nodes.nodeA, token))).toBeNull();
      expect(refusalOf(await attempt(nodes.nodeB, token))).toBeNull();
    }
    expect(refusalOf(await attempt(nodes.nodeA, token))).toEqual(RATE_LIMITED);
    expect(refusalOf(await attempt(nodes.nodeB, token))).toEqual(RATE_LIMITED);
    // Another user, on either node, has a bucket of their own.
    expect(refusalOf(await attempt(nodes.nodeB, nodes.nodeB.token('u2', 't1')))).toBeNull();
  });

  it('keeps the buckets under the store key prefix and lets them expire once full again', async () => {
    const client = new Redis(nodes.redis.url);
    try {
      const keys = await client.keys('hs:limit:*');
      expect(keys.length).toBeGreaterThan(0);
      for (const key of keys) expect(await client.pttl(key)).toBeGreaterThan(0);
    } finally {
      client.disconnect();
    }
  });
});
