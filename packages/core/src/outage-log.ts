import type { Logger } from './logger.js';

/**
 * Logs a background call that keeps failing (a lease renewal, a subscription, a limit
 * check) once when it starts failing and once when it works again, rather than on every
 * retry: an outage of the store is one line, not one per heartbeat or per connection.
 */
export class OutageLog {
  private failing = false;

  constructor(
    private readonly logger: Logger,
    /** What failed, as the start of a sentence: "renewing producer leases". */
    private readonly what: string,
    /** What it means and what happens next, for the operator reading the line. */
    private readonly consequence: string,
  ) {}

  failed(err: unknown): void {
    if (this.failing) return;
    this.failing = true;
    this.logger.error(`${this.what} failed: ${err instanceof Error ? err.message : String(err)}. ${this.consequence} (logged once until it works again)`);
  }

  succeeded(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.warn(`${this.what} works again`);
  }
}
