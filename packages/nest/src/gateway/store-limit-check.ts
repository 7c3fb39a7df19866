import { type Logger, OutageLog } from '@liveprogress/core';

/**
 * Past this, a limit check is given up and the attempt let through: a store that does not
 * answer (a Redis stall) must not lock every client out, and these limits only protect the
 * server from floods, which authentication still bounds on its own.
 */
export const LIMIT_CHECK_DEADLINE_MS = 1000;

/**
 * Runs a rate-limit check against the store's buckets within LIMIT_CHECK_DEADLINE_MS. A check
 * that fails or does not answer in time admits the attempt, and the outage is logged once,
 * not once per attempt (docs/nest.md, Rate limits).
 */
export class StoreLimitCheck {
  private readonly outage: OutageLog;

  constructor(
    logger: Logger,
    /** What is checked, as the start of a sentence: "checking handshake limits in the store". */
    what: string,
    /** What happens meanwhile, for the operator reading the log line. */
    consequence: string,
    /** Told of each refused attempt (the metrics count them). */
    private readonly refused: () => void = () => {},
  ) {
    this.outage = new OutageLog(logger, what, consequence);
  }

  async run(call: () => Promise<boolean>): Promise<boolean> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let timedOut = false;
    const late = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => {
        timedOut = true;
        this.outage.failed(new Error(`no answer within ${LIMIT_CHECK_DEADLINE_MS} ms`));
        resolve(true);
      }, LIMIT_CHECK_DEADLINE_MS);
    });
    try {
      const admitted = await Promise.race([call(), late]);
      if (!timedOut) this.outage.succeeded();
      if (!admitted) this.refused();
      return admitted;
    } catch (err) {
      this.outage.failed(err);
      return true;
    } finally {
      clearTimeout(timer);
    }
  }
}
