import type { LifecycleStatus } from '../lifecycle/lifecycle-status.js';
import { LiveProgressConfigError } from '../errors.js';
import { type Logger, consoleLogger } from '../logger.js';
import { OutageLog } from '../outage-log.js';
import type { Notifier, OperationNotice } from './notifier.interface.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, signWebhook } from './webhook-signature.js';

export interface WebhookNotifierOptions {
  url: string;
  /** HMAC-SHA256 key; receivers check `x-liveprogress-signature` with `verifyWebhook`. */
  secret: string;
  /** Which events to send; default the three ends. */
  events?: LifecycleStatus[];
  /** Notices waiting at most; past it the oldest are dropped and counted. Default 1000. */
  maxQueue?: number;
  /** Tries per notice, the first included. Default 5. */
  maxAttempts?: number;
  /** First retry delay, doubled each time up to `maxBackoffMs`. Default 500 ms, 30 s. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Per request. Default 5 s. */
  timeoutMs?: number;
  /** Extra headers, e.g. an API key of the receiver. */
  headers?: Record<string, string>;
  /** Told of every notice given up on, with why. */
  onGiveUp?: (message: string) => void;
  /**
   * Where an endpoint that keeps failing is reported: once when notices start being given up
   * on or dropped, once when one is delivered again. Default the console; Nest's Logger fits.
   */
  logger?: Logger;
}

export interface WebhookStats {
  delivered: number;
  failed: number;
  dropped: number;
  queued: number;
}

/**
 * POSTs lifecycle notices as signed JSON, one at a time in order, retrying with
 * exponential backoff. The queue is bounded so a dead endpoint costs a fixed amount
 * of memory: the oldest notices give way and are counted as dropped.
 */
export class WebhookNotifier implements Notifier {
  private readonly queue: OperationNotice[] = [];
  private readonly events: Set<LifecycleStatus>;
  private readonly stats: WebhookStats = { delivered: 0, failed: 0, dropped: 0, queued: 0 };
  private running: Promise<void> | undefined;
  private closed = false;
  private readonly stop = new AbortController();
  private readonly givingUp: OutageLog;
  private readonly dropping: OutageLog;

  constructor(private readonly options: WebhookNotifierOptions) {
    try {
      const url = new URL(options.url);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http(s)');
    } catch {
      throw new LiveProgressConfigError(`WebhookNotifier: "${options.url}" is not an http(s) URL`);
    }
    if (!options.secret) throw new LiveProgressConfigError('WebhookNotifier needs a `secret` to sign its requests');
    this.events = new Set(options.events ?? ['completed', 'failed', 'cancelled']);
    const logger = options.logger ?? consoleLogger('WebhookNotifier');
    this.givingUp = new OutageLog(logger, `delivering webhooks to ${options.url}`, 'Notices are given up on after their retries');
    this.dropping = new OutageLog(logger, `queueing webhooks for ${options.url}`, 'The queue is full: the oldest notices are dropped (see getStats())');
  }

  notify(notice: OperationNotice): void {
    if (this.closed || !this.events.has(notice.type.slice('operation.'.length) as LifecycleStatus)) return;
    this.queue.push(notice);
    const max = this.options.maxQueue ?? 1000;
    while (this.queue.length > max) {
      this.queue.shift();
      this.stats.dropped++;
      this.dropping.failed(new Error(`more than ${max} notices waiting`));
    }
    this.running ??= this.drain().finally(() => (this.running = undefined));
  }

  getStats(): WebhookStats {
    return { ...this.stats, queued: this.queue.length };
  }

  /** Resolves when everything queued so far was sent or given up on. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async close(): Promise<void> {
    this.closed = true;
    this.stop.abort();
    await this.running;
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0 && !this.closed) {
      const notice = this.queue.shift() as OperationNotice;
      if (await this.deliver(notice)) {
        this.stats.delivered++;
        this.givingUp.succeeded();
        this.dropping.succeeded();
      } else this.stats.failed++;
    }
  }

  /** A retry delay that close() cuts short, so shutdown never waits out a backoff. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      this.stop.signal.addEventListener('abort', done, { once: true });
      function done() {
        clearTimeout(timer);
        resolve();
      }
    });
  }

  private async deliver(notice: OperationNotice): Promise<boolean> {
    const body = JSON.stringify(notice);
    const attempts = this.options.maxAttempts ?? 5;
    let delay = this.options.backoffMs ?? 500;
    let lastFailure = 'no attempt made';
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const timestamp = Date.now();
      try {
        const res = await fetch(this.options.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...this.options.headers,
            [SIGNATURE_HEADER]: signWebhook(this.options.secret, timestamp, body),
            [TIMESTAMP_HEADER]: String(timestamp),
            'x-liveprogress-attempt': String(attempt),
          },
          body,
          signal: AbortSignal.any([AbortSignal.timeout(this.options.timeoutMs ?? 5000), this.stop.signal]),
        });
        await res.arrayBuffer().catch(() => undefined);
        if (res.ok) return true;
        lastFailure = `HTTP ${res.status}`;
        // A 4xx other than 408/429 will not get better by retrying.
        if (res.status < 500 && res.status !== 408 && res.status !== 429) break;
      } catch (err) {
        if (this.closed) return false;
        lastFailure = err instanceof Error ? err.message : String(err);
      }
      if (attempt < attempts) {
        await this.pause(delay * (0.8 + Math.random() * 0.4));
        if (this.closed) return false;
        delay = Math.min(delay * 2, this.options.maxBackoffMs ?? 30_000);
      }
    }
    const message = `gave up on ${notice.type} of ${notice.operationId} for ${this.options.url}: ${lastFailure}`;
    this.options.onGiveUp?.(message);
    this.givingUp.failed(new Error(message));
    return false;
  }
}
