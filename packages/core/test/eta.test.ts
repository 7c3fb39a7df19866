import { describe, expect, it } from 'vitest';
import { estimateCompletion } from '../src/operations/eta.js';

describe('estimateCompletion', () => {
  it('keeps a given estimate until it is overrun, then extrapolates the observed rate', () => {
    expect(estimateCompletion({ startedAt: 0, now: 1000, progress: 10, estimatedDuration: 5000 })).toBe(5000);
    expect(estimateCompletion({ startedAt: 0, now: 6000, progress: 50, estimatedDuration: 5000 })).toBe(12_000);
    expect(estimateCompletion({ startedAt: 0, now: 2000, progress: 25, estimatedDuration: null })).toBe(8000);
    expect(estimateCompletion({ startedAt: 0, now: 2000, progress: 0, estimatedDuration: null })).toBeNull();
  });
});
