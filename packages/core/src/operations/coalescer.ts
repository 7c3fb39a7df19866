/**
 * Lets at most one flush through per interval: the first change after a quiet
 * interval flushes at once (leading edge), later ones wait for the interval's end
 * (trailing edge), where the latest state wins. `touch()` is cheap on the hot path:
 * while a flush is scheduled it only returns.
 */
export class Coalescer {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlushAt = Number.NEGATIVE_INFINITY;

  constructor(
    private readonly intervalMs: number,
    private readonly flush: () => void,
  ) {}

  touch(): void {
    if (this.timer !== undefined) return;
    const now = Date.now();
    const wait = this.lastFlushAt + this.intervalMs - now;
    if (wait > 0) {
      this.timer = setTimeout(this.fire, wait);
      return;
    }
    this.lastFlushAt = now;
    this.flush();
  }

  /** Flushes now, for changes that must not wait (a new stage, the end). */
  flushNow(): void {
    this.cancel();
    this.fire();
  }

  cancel(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private readonly fire = (): void => {
    this.timer = undefined;
    this.lastFlushAt = Date.now();
    this.flush();
  };
}
