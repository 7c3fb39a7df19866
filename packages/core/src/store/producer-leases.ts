/**
 * Producer liveness shared by every process: each running operation has a lease, renewed
 * by the process doing its work. A lease that runs out while the store was answering
 * everyone means that process died; any process may then end the operation, and the
 * store's terminal guard lets exactly one do it (docs/scaling.md, "Producer liveness").
 */
export interface ProducerLeases {
  /** Renews (or takes) the lease of an operation whose work runs here. */
  hold(operationId: string): void;
  release(operationId: string): void;
  /**
   * Renews the leases of `running()` periodically, until stopped, and at once when the
   * connection to the store comes back or answers late (a lease may have run out meanwhile).
   * The lease of an operation that has ended meanwhile (failed STALLED or PRODUCER_LOST by
   * another process, cancelled) is not renewed but dropped, and its id given to `ended`:
   * a live process's heartbeat never keeps an ended operation's lease, nor its handle.
   */
  startHeartbeat(running: () => string[], ended?: (operationIds: string[]) => void): void;
  stopHeartbeat(): void;
  /** Operations whose lease ran out, judged by the store's own clock, so the processes' clocks don't matter. */
  expired(max?: number): Promise<string[]>;
  forget(operationId: string): Promise<unknown>;
  /**
   * How long, in ms, this process's calls to the store have been answered promptly with no
   * failure in between (0 while they fail). An expired lease is evidence of a dead producer
   * only after a whole lease period of it: before that, the lease may have run out because
   * nobody could reach the store.
   */
  healthyForMs(): number;
}
