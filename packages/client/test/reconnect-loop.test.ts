import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INITIAL_CONNECTION_STATE } from '../src/connection-state.js';
import { LiveProgressClientError } from '../src/errors.js';
import { ReconnectLoop } from '../src/reconnect-loop.js';

const BACKOFF = { initialDelayMs: 1000, maxDelayMs: 30_000, multiplier: 2, jitter: 0, maxAttempts: 3, enabled: true };
const down = () => new LiveProgressClientError('CONNECTION_FAILED', 'unreachable');

function makeLoop(backoff = BACKOFF) {
  const attempts: number[] = [];
  const statuses: string[] = [];
  let starts = 0;
  const loop = new ReconnectLoop({
    initial: INITIAL_CONNECTION_STATE,
    backoff,
    report: () => undefined,
    attempt: (epoch) => void attempts.push(epoch),
    onStart: () => void starts++,
  });
  loop.subscribe(() => statuses.push(loop.status));
  return { loop, attempts, statuses, starts: () => starts };
}

describe('the reconnect loop every transport shares', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('retries after 1 s, 2 s, 4 s and stops as disconnected once the attempts run out', () => {
    const { loop, attempts } = makeLoop();
    loop.start();
    expect(attempts).toHaveLength(1);
    for (const delay of [1000, 2000, 4000]) {
      loop.failed(down(), loop.retryStatus());
      expect(loop.getSnapshot()).toMatchObject({ status: 'reconnecting', nextRetryAt: Date.now() + delay });
      vi.advanceTimersByTime(delay - 1);
      const before = attempts.length;
      vi.advanceTimersByTime(1);
      expect(attempts).toHaveLength(before + 1);
    }
    loop.failed(down(), loop.retryStatus());
    expect(loop.getSnapshot()).toMatchObject({ status: 'disconnected', attempt: 4, nextRetryAt: null, error: { code: 'CONNECTION_FAILED' } });
    vi.advanceTimersByTime(60_000);
    expect(attempts).toHaveLength(4);
  });

  it('starts once while busy, and again from scratch when told to start over', () => {
    const { loop, attempts, starts } = makeLoop();
    expect(loop.start()).toBe(true);
    expect(loop.start()).toBe(false);
    loop.connected({ socketId: 'abc' });
    expect(loop.start()).toBe(false);
    expect(loop.getSnapshot()).toMatchObject({ status: 'connected', socketId: 'abc', attempt: 0 });
    expect(loop.start(true)).toBe(true);
    expect(attempts).toHaveLength(2);
    expect(starts()).toBe(2);
    expect(loop.isCurrent(attempts[0]!)).toBe(false);
    expect(loop.isCurrent(attempts[1]!)).toBe(true);
  });

  it('keeps an auth refusal visible while it retries, and stops at once on one a new token is needed for', () => {
    const { loop, attempts } = makeLoop();
    loop.start();
    loop.failed(new LiveProgressClientError('TOKEN_EXPIRED', 'expired'), 'unauthorized');
    vi.advanceTimersByTime(1000);
    expect(loop.status).toBe('unauthorized');
    expect(attempts).toHaveLength(2);
    loop.refused(new LiveProgressClientError('TOKEN_INVALID', 'bad signature'));
    vi.advanceTimersByTime(60_000);
    expect(attempts).toHaveLength(2);
    expect(loop.getSnapshot()).toMatchObject({ status: 'unauthorized', nextRetryAt: null, error: { code: 'TOKEN_INVALID' } });
  });

  it('cancels a scheduled retry on stop, tearing the transport down before it says disconnected', () => {
    const { loop, attempts, statuses } = makeLoop();
    loop.start();
    loop.failed(down(), 'reconnecting');
    let statusWhileStopping = '';
    loop.stop(() => {
      statusWhileStopping = loop.status;
    });
    expect(statusWhileStopping).toBe('reconnecting');
    expect(loop.isWanted).toBe(false);
    vi.advanceTimersByTime(60_000);
    expect(attempts).toHaveLength(1);
    expect(statuses).toEqual(['connecting', 'reconnecting', 'disconnected']);
  });

  it('keeps one state object until something changes, for useSyncExternalStore', () => {
    const { loop, statuses } = makeLoop();
    const idle = loop.getSnapshot();
    loop.setState({ error: null });
    expect(loop.getSnapshot()).toBe(idle);
    loop.start();
    expect(loop.getSnapshot()).not.toBe(idle);
    expect(Object.isFrozen(loop.getSnapshot())).toBe(true);
    expect(statuses).toEqual(['connecting']);
  });
});
