/**
 * Whether this process can trust what the store tells it about other processes: the time
 * since which its calls to the store have been answered promptly, with no failure and no
 * slow answer in between. A slow answer means the store (or the way to it) stalled for that
 * long, and during a stall nobody could renew a lease, so an expired lease proves nothing
 * until the store has answered everyone again for a while (docs/scaling.md, "Producer
 * liveness: `PRODUCER_LOST`"). Measured on the monotonic clock: wall-clock steps don't count.
 */
export class StoreHealth {
  private healthySince: number | undefined;

  /**
   * `slowMs`: an answer slower than this starts the healthy period again. `healthyNow`:
   * the connection is known to work at construction (the client is connected).
   */
  constructor(
    private readonly slowMs: number,
    healthyNow: boolean,
  ) {
    this.healthySince = healthyNow ? performance.now() : undefined;
  }

  /** Runs a store call and judges the connection by it: a failure ends the healthy period, a slow answer starts it again. */
  async timed<T>(call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    let result: T;
    try {
      result = await call();
    } catch (err) {
      this.lost();
      throw err;
    }
    const answered = performance.now();
    if (answered - started > this.slowMs || this.healthySince === undefined) this.healthySince = answered;
    return result;
  }

  /** The connection closed or a call failed: nothing the store says is trusted until it answers again. */
  lost(): void {
    this.healthySince = undefined;
  }

  /** Milliseconds since which every call was answered promptly (0 while the connection is down). */
  healthyForMs(): number {
    return this.healthySince === undefined ? 0 : performance.now() - this.healthySince;
  }
}
