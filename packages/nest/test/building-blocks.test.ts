import { describe, expect, it } from 'vitest';
import { RateLimiter } from '../src/gateway/rate-limiter.js';
import { checkInboundShape } from '../src/gateway/inbound-shape.js';
import { resolveOptions } from '../src/resolve-options.js';
import { LiveProgressConfigError } from '../src/index.js';

describe('RateLimiter', () => {
  it('lets a burst of `points` through, then refills evenly', () => {
    let now = 0;
    const limiter = new RateLimiter({ points: 3, durationMs: 300 }, () => now);
    expect([1, 2, 3, 4].map(() => limiter.take('a'))).toEqual([true, true, true, false]);
    expect(limiter.take('b')).toBe(true);
    now = 100;
    expect(limiter.take('a')).toBe(true);
    expect(limiter.take('a')).toBe(false);
  });
});

describe('checkInboundShape', () => {
  it('accepts ordinary payloads and refuses deep or huge ones without recursion', () => {
    expect(checkInboundShape({ operationId: 'x', afterSeq: 3 })).toBeNull();
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    expect(checkInboundShape(deep)).toMatch(/nested deeper/);
    expect(checkInboundShape({ s: 'é'.repeat(600_000) })).toMatch(/larger than/);
  });
});

describe('resolveOptions', () => {
  it('fills in the documented defaults', () => {
    const o = resolveOptions({ auth: { secret: 's' } });
    expect(o).toMatchObject({
      auth: { algorithms: ['HS256'], tenantClaim: 'tenantId', allowQueryToken: false },
      socketPath: '/socket.io',
      adminRoles: ['admin'],
      retention: { terminalMs: 86_400_000, maxEvents: 1000 },
      coalesceIntervalMs: 100,
      slowConsumer: { maxBufferedBytes: 1_000_000, maxBufferedPackets: 1000 },
      sseHeartbeatMs: 15_000,
    });
  });

  it('refuses unsafe or incomplete configurations with a message naming the fix', () => {
    expect(() => resolveOptions({} as never)).toThrow(LiveProgressConfigError);
    expect(() => resolveOptions({ auth: {} })).toThrow(/auth.secret/);
    expect(() => resolveOptions({ auth: { secret: 's', algorithms: ['none' as never] } })).toThrow(/none/);
    expect(() => resolveOptions({ auth: { publicKey: 'k', algorithms: ['HS256'] } })).toThrow(/HS\*/);
    expect(() => resolveOptions({ auth: { secret: 's', algorithms: ['RS256'] } })).toThrow(/publicKey/);
    expect(() => resolveOptions({ auth: { secret: 's' }, coalesceIntervalMs: 0 })).toThrow(/coalesceIntervalMs/);
    expect(() => resolveOptions({ auth: { secret: 's' }, shutdownTimeoutMs: -1 })).toThrow(/shutdownTimeoutMs/);
  });

  it('waits on shutdown as long as on any store call unless told otherwise (shutdownTimeoutMs defaults to storeTimeoutMs)', () => {
    expect(resolveOptions({ auth: { secret: 's' } })).toMatchObject({ storeTimeoutMs: 5000, shutdownTimeoutMs: 5000 });
    expect(resolveOptions({ auth: { secret: 's' }, storeTimeoutMs: 800 })).toMatchObject({ storeTimeoutMs: 800, shutdownTimeoutMs: 800 });
    expect(resolveOptions({ auth: { secret: 's' }, shutdownTimeoutMs: 30_000 })).toMatchObject({ storeTimeoutMs: 5000, shutdownTimeoutMs: 30_000 });
  });
});
