/**
 * Producer liveness shared by every process: each running operation has a lease, renewed
 * by the process doing its work. A lease that runs out means that process died; any
 * process may then end the operation, and the store's terminal guard lets exactly one do it.
 */
export interface ProducerLeases {
  /** Renews (or takes) the lease of an operation whose work runs here. */
  hold(operationId: string): void;
  release(operationId: string): void;
  /** Renews the leases of `running()` periodically, until stopped. */
  startHeartbeat(running: () => string[]): void;
  stopHeartbeat(): void;
  /** Operations whose lease ran out. */
  expired(now: number, max?: number): Promise<string[]>;
  forget(operationId: string): Promise<unknown>;
}
