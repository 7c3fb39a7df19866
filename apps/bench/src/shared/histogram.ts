/**
 * Log-linear histogram of non-negative integers (microseconds here): exact below
 * 2,048, then 1,024 buckets per power of two (under 0.1 % error), so memory stays
 * fixed however many samples arrive. Serialises sparsely to cross the IPC channel.
 */
const LINEAR = 2048;
const SUB = 1024;
const MAX_VALUE = 2 ** 31 - 1;
const BUCKETS = LINEAR + 21 * SUB;

export interface HistogramJson {
  buckets: Array<[number, number]>;
  count: number;
  min: number;
  max: number;
  sum: number;
}

export interface Summary {
  count: number;
  p50: number;
  p99: number;
  max: number;
  mean: number;
}

export class Histogram {
  private readonly counts = new Float64Array(BUCKETS);
  count = 0;
  min = Number.POSITIVE_INFINITY;
  max = 0;
  sum = 0;

  record(value: number): void {
    const v = Math.min(MAX_VALUE, Math.max(0, Math.round(value)));
    this.counts[indexOf(v)]! += 1;
    this.count += 1;
    this.sum += v;
    if (v < this.min) this.min = v;
    if (v > this.max) this.max = v;
  }

  /** The smallest recorded value at or below which `p` percent of samples lie (bucket midpoint, capped by max). */
  percentile(p: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil((p / 100) * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      if (seen >= rank) return Math.min(this.max, Math.max(this.min, valueAtIndex(i)));
    }
    return this.max;
  }

  summary(): Summary {
    return { count: this.count, p50: this.percentile(50), p99: this.percentile(99), max: this.max, mean: this.count ? this.sum / this.count : 0 };
  }

  merge(other: Histogram): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i]! += other.counts[i]!;
    this.count += other.count;
    this.sum += other.sum;
    this.min = Math.min(this.min, other.min);
    this.max = Math.max(this.max, other.max);
  }

  toJSON(): HistogramJson {
    const buckets: Array<[number, number]> = [];
    for (let i = 0; i < BUCKETS; i++) if (this.counts[i]! > 0) buckets.push([i, this.counts[i]!]);
    return { buckets, count: this.count, min: this.min, max: this.max, sum: this.sum };
  }

  static fromJSON(json: HistogramJson): Histogram {
    const h = new Histogram();
    for (const [i, n] of json.buckets) h.counts[i] = n;
    h.count = json.count;
    h.min = json.count ? json.min : Number.POSITIVE_INFINITY;
    h.max = json.max;
    h.sum = json.sum;
    return h;
  }
}

function indexOf(v: number): number {
  if (v < LINEAR) return v;
  const shift = 32 - Math.clz32(v) - 11; // v >>> shift lands in [1024, 2048)
  return LINEAR + (shift - 1) * SUB + ((v >>> shift) - SUB);
}

function valueAtIndex(index: number): number {
  if (index < LINEAR) return index;
  const k = index - LINEAR;
  const shift = Math.floor(k / SUB) + 1;
  const mantissa = (k % SUB) + SUB;
  return mantissa * 2 ** shift + 2 ** (shift - 1);
}
