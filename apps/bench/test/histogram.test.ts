import { describe, expect, it } from 'vitest';
import { Histogram } from '../src/shared/histogram.js';

describe('Histogram', () => {
  it('reports percentiles within 0.1 % of the exact value', () => {
    const h = new Histogram();
    for (let v = 1; v <= 100_000; v++) h.record(v);
    expect(Math.abs(h.percentile(50) - 50_000) / 50_000).toBeLessThan(0.001);
    expect(Math.abs(h.percentile(99) - 99_000) / 99_000).toBeLessThan(0.001);
    expect(h.percentile(100)).toBe(100_000);
    expect(h.count).toBe(100_000);
  });

  it('is exact for small values and survives the trip through JSON', () => {
    const h = new Histogram();
    for (const v of [3, 3, 7, 1500]) h.record(v);
    const back = Histogram.fromJSON(JSON.parse(JSON.stringify(h.toJSON())));
    expect(back.summary()).toEqual({ count: 4, p50: 3, p99: 1500, max: 1500, mean: (3 + 3 + 7 + 1500) / 4 });
  });
});
