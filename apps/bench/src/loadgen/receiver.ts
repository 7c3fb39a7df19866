import { nowMs } from '../shared/clock.js';
import { Histogram } from '../shared/histogram.js';
import type { BenchDetails } from '../shared/payload.js';

/** Counts what every client receives, checks `seq` continuity, and records publish → receive latency. */
export class Receiver {
  received = 0;
  gaps = 0;
  disconnects = 0;
  firstAt = 0;
  lastAt = 0;
  latency = new Histogram();

  reset(): void {
    this.received = 0;
    this.gaps = 0;
    this.disconnects = 0;
    this.firstAt = 0;
    this.lastAt = 0;
    this.latency = new Histogram();
  }

  /** Returns a per-client handler; `lastSeq` lives in its closure. */
  forClient(): (payload: { seq?: number; details?: BenchDetails }) => void {
    let lastSeq = -1;
    return (payload) => {
      const now = nowMs();
      const sentAt = payload.details?.sentAt;
      if (typeof sentAt === 'number') this.latency.record((now - sentAt) * 1000);
      const seq = payload.seq ?? 0;
      if (lastSeq >= 0 && seq !== lastSeq + 1) this.gaps++;
      lastSeq = seq;
      if (this.received === 0) this.firstAt = now;
      this.lastAt = now;
      this.received++;
    };
  }
}
