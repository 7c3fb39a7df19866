import { freePort, until } from '@liveprogress/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveProgressClient, type ConnectionState } from '../src/index.js';
import { httpFallback } from '../src/fallback.js';

/** Real sockets against a loopback port nobody listens on: the retry loop without a server. */
const clients: LiveProgressClient[] = [];
afterEach(() => {
  for (const client of clients.splice(0)) client.close();
});

async function deadUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}

function track(client: LiveProgressClient): ConnectionState[] {
  clients.push(client);
  const states: ConnectionState[] = [];
  client.connection.subscribe(() => states.push(client.connection.getSnapshot()));
  return states;
}

describe('connection retries without a server', () => {
  it('reports reconnecting with CONNECTION_FAILED and a growing attempt count', async () => {
    // No fallback: the socket's own retry loop alone.
    const client = new LiveProgressClient({
      url: await deadUrl(),
      token: 'x',
      autoConnect: false,
      reconnection: { initialDelayMs: 20, jitter: 0 },
    });
    const states = track(client);
    client.connect();
    await until(() => client.connection.getSnapshot().attempt >= 3);
    const failed = states.filter((state) => state.status === 'reconnecting' && state.error);
    expect(failed[0]?.error?.code).toBe('CONNECTION_FAILED');
    expect(failed[0]?.nextRetryAt).toEqual(expect.any(Number));
    expect(states[0]?.status).toBe('connecting');
  });

  it('gives up as disconnected after maxAttempts', async () => {
    const client = new LiveProgressClient({
      url: await deadUrl(),
      token: 'x',
      reconnection: { initialDelayMs: 10, maxAttempts: 2 },
    });
    track(client);
    await until(() => client.getStatus() === 'disconnected');
    expect(client.connection.getSnapshot()).toMatchObject({ attempt: 3, nextRetryAt: null });
    expect(client.connection.getSnapshot().error?.code).toBe('CONNECTION_FAILED');
  });

  it('does not retry at all when reconnection is disabled', async () => {
    const client = new LiveProgressClient({ url: await deadUrl(), token: 'x', reconnection: { enabled: false } });
    track(client);
    await until(() => client.getStatus() === 'disconnected');
    expect(client.connection.getSnapshot().attempt).toBe(1);
  });

  it('moves from the socket to SSE to polling when nothing answers, and gives up as disconnected on the last', async () => {
    const client = new LiveProgressClient({
      url: await deadUrl(),
      token: 'x',
      reconnection: { initialDelayMs: 10, jitter: 0, maxAttempts: 5 },
      fallback: httpFallback(),
    });
    const states = track(client);
    await until(() => client.getStatus() === 'disconnected');
    expect(client.connection.getSnapshot()).toMatchObject({ transport: 'polling', attempt: 6, nextRetryAt: null });
    expect(client.connection.getSnapshot().error?.code).toBe('CONNECTION_FAILED');
    // Three failures on each transport before the next one (fallback.afterFailures), announced with 'connecting'.
    for (const transport of ['socket', 'sse'] as const) {
      const failures = states.filter((state) => state.transport === transport && state.status === 'reconnecting' && state.nextRetryAt !== null);
      expect(failures.map((state) => state.attempt)).toEqual([1, 2, 3]);
    }
    const switches = states.filter((state, i) => i > 0 && state.transport !== states[i - 1]!.transport);
    expect(switches.map((state) => [state.transport, state.status])).toEqual([
      ['sse', 'connecting'],
      ['polling', 'connecting'],
    ]);
  });

  it('stays on the socket when reconnection is disabled: one attempt, no fallback', async () => {
    const client = new LiveProgressClient({ url: await deadUrl(), token: 'x', reconnection: { enabled: false }, fallback: httpFallback() });
    track(client);
    await until(() => client.getStatus() === 'disconnected');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(client.connection.getSnapshot()).toMatchObject({ status: 'disconnected', transport: 'socket', attempt: 1 });
  });

  it('reports TOKEN_UNAVAILABLE when getToken throws, and keeps retrying', async () => {
    let calls = 0;
    const client = new LiveProgressClient({
      url: await deadUrl(),
      getToken: () => {
        calls += 1;
        throw new Error('auth provider down');
      },
      reconnection: { initialDelayMs: 10, jitter: 0 },
    });
    track(client);
    await until(() => calls >= 3);
    expect(client.connection.getSnapshot().error?.code).toBe('TOKEN_UNAVAILABLE');
    expect(client.getStatus()).toBe('reconnecting');
  });

  it('does nothing at construction with autoConnect false', async () => {
    const client = new LiveProgressClient({ url: await deadUrl(), autoConnect: false });
    track(client);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(client.connection.getSnapshot()).toMatchObject({ status: 'idle', attempt: 0 });
  });

  it('cancels a scheduled retry on close and leaves no timer behind', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((name) => name === 'Timeout').length;
    const before = timers();
    const client = new LiveProgressClient({ url: await deadUrl(), token: 'x', reconnection: { initialDelayMs: 60_000, jitter: 0 } });
    track(client);
    await until(() => client.connection.getSnapshot().nextRetryAt !== null);
    client.close();
    await until(() => timers() <= before, 'every timer cleared', 2000);
    expect(() => client.connect()).toThrow(/closed/);
  });
});
