import { describe, expect, it } from 'vitest';
import { computeRefreshDelay } from '../src/index.js';

describe('computeRefreshDelay', () => {
  it('refreshes the configured margin before a long-lived token expires', () => {
    expect(computeRefreshDelay(3_600_000, 0, 60_000)).toBe(3_540_000);
  });

  it('waits at least half the remaining life of a short-lived token', () => {
    expect(computeRefreshDelay(10_000, 0, 60_000)).toBe(5_000);
  });

  it('refreshes at once when the token has already expired', () => {
    expect(computeRefreshDelay(1_000, 5_000, 60_000)).toBe(0);
  });

  it('never asks for a timer longer than setTimeout can hold', () => {
    expect(computeRefreshDelay(Number.MAX_SAFE_INTEGER, 0, 60_000)).toBe(2_147_483_647);
  });
});
