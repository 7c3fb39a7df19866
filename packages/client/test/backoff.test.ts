import { describe, expect, it } from 'vitest';
import { computeBackoffDelay } from '../src/index.js';

describe('computeBackoffDelay', () => {
  const noJitter = () => 0;

  it('starts at one second and doubles on every attempt', () => {
    expect([0, 1, 2, 3, 4].map((n) => computeBackoffDelay(n, {}, noJitter))).toEqual([1000, 2000, 4000, 8000, 16000]);
  });

  it('caps the delay at thirty seconds however many attempts failed', () => {
    expect(computeBackoffDelay(5, {}, noJitter)).toBe(30_000);
    expect(computeBackoffDelay(10_000, {}, noJitter)).toBe(30_000);
  });

  it('keeps every jittered delay between half the ceiling and the ceiling', () => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const ceiling = Math.min(30_000, 1000 * 2 ** attempt);
      expect(computeBackoffDelay(attempt, {}, () => 0.999999)).toBeGreaterThanOrEqual(ceiling / 2);
      expect(computeBackoffDelay(attempt, {}, () => 0.5)).toBe(Math.round(ceiling * 0.75));
      expect(computeBackoffDelay(attempt, {}, Math.random)).toBeLessThanOrEqual(ceiling);
    }
  });

  it('spreads clients apart instead of retrying in lockstep', () => {
    const delays = new Set(Array.from({ length: 50 }, () => computeBackoffDelay(3)));
    expect(delays.size).toBeGreaterThan(10);
  });

  it('honours custom base, multiplier and cap', () => {
    expect(computeBackoffDelay(2, { initialDelayMs: 100, multiplier: 3, maxDelayMs: 500, jitter: 0 })).toBe(500);
    expect(computeBackoffDelay(1, { initialDelayMs: 100, multiplier: 3, maxDelayMs: 500, jitter: 0 })).toBe(300);
  });
});
