import { startTestServer, type TestServer } from '@liveprogress/test-support/server';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { until } from '@liveprogress/test-support';
import { type ConnectionState, LiveProgressClient } from '../../src/index.js';

/** A server whose handshake limit lets one user connect once per 1.5 s. */
let server: TestServer;
const clients: LiveProgressClient[] = [];
beforeAll(async () => {
  server = await startTestServer({ rateLimit: { handshake: { perUser: { points: 1, durationMs: 1500 }, perAddress: { points: 1000, durationMs: 1000 } } } });
}, 30_000);
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});
afterAll(() => server.stop());

interface Seen {
  at: number;
  state: ConnectionState;
}

function client(token: string): { client: LiveProgressClient; seen: Seen[] } {
  const made = new LiveProgressClient({
    url: server.url,
    token,
    notify: 'microtask',
    onError: () => undefined,
    reconnection: { initialDelayMs: 300, jitter: 0 },
  });
  clients.push(made);
  const seen: Seen[] = [];
  made.connection.subscribe(() => seen.push({ at: Date.now(), state: made.connection.getSnapshot() }));
  return { client: made, seen };
}

describe('a connection refused with RATE_LIMITED', () => {
  it('backs off and connects once the server lets it, without becoming unauthorized or leaving the socket', async () => {
    const token = server.token('storm-user', 'tenant-backoff');
    const first = client(token);
    await until(() => first.client.getStatus() === 'connected');
    first.client.close();

    const second = client(token);
    await until(() => second.client.getStatus() === 'connected', 'the rate-limited client to connect', 10_000);
    const states = second.seen.map(({ state }) => state);
    expect(states.some((state) => state.status === 'unauthorized')).toBe(false);
    expect(states.every((state) => state.transport === 'socket')).toBe(true);
    const refusals = second.seen.filter(({ state }) => state.error?.code === 'RATE_LIMITED' && state.nextRetryAt !== null);
    expect(refusals.length).toBeGreaterThanOrEqual(1);
    expect(refusals[0]?.state).toMatchObject({ status: 'reconnecting', attempt: 1 });
    expect(refusals[0]?.state.error?.details).toMatchObject({ code: 'RATE_LIMITED' });
    // Each retry waited out its backoff delay (300 ms, then 600 ms…) instead of coming at once.
    for (const refusal of refusals) {
      const retry = second.seen.find(({ at, state }) => at >= refusal.at && state !== refusal.state && state.nextRetryAt === null);
      expect(retry).toBeDefined();
      expect((retry?.at ?? 0) - refusal.at).toBeGreaterThanOrEqual(300 * 2 ** (refusal.state.attempt - 1) - 5);
    }
  });
});
