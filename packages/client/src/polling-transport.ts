import { isTerminalStatus, type OperationSnapshot, type SubscribeRequest } from '@liveprogress/protocol';
import { isLinkFailure } from './http-api.js';
import { HttpTransport, type HttpTransportDeps } from './http-transport.js';
import type { SubscribeAckSuccess } from './operation-stream.js';

export interface PollingTransportOptions {
  /** Time between the end of one round of snapshot requests and the start of the next; default 1000. */
  intervalMs?: number;
}

/**
 * Follows operations by asking for their snapshot (`GET {prefix}/:id`) every
 * `intervalMs`: the last resort where no stream gets through. The snapshot is the
 * server's own state, so the final state is exact, but the events between two
 * polls are never seen: `onEvent` is not called and `recovered` is false after a gap.
 */
export class PollingTransport extends HttpTransport {
  readonly kind = 'polling' as const;
  /** Watched operation → the seq of the last snapshot handed to the store. */
  private readonly watched = new Map<string, number>();
  private readonly intervalMs: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private round: AbortController | null = null;

  constructor(deps: HttpTransportDeps, options: PollingTransportOptions = {}) {
    super('polling', deps);
    this.intervalMs = options.intervalMs ?? 1000;
  }

  protected async follow({ operationId, afterSeq }: SubscribeRequest): Promise<SubscribeAckSuccess> {
    let snapshot: OperationSnapshot;
    try {
      snapshot = await this.api.snapshot(operationId);
    } catch (error) {
      throw this.asSubscribeError(this.failed(error, `GET operation ${operationId}`));
    }
    this.link.markWorking();
    if (!isTerminalStatus(snapshot.status) && this.connected) {
      this.watched.set(operationId, snapshot.seq);
      this.schedule();
    }
    // Polling carries no events: after a gap the snapshot is the truth and nothing was replayed.
    return { ok: true, snapshot, events: [], recovered: afterSeq !== undefined && snapshot.seq === afterSeq };
  }

  protected unfollow(operationId: string): void {
    this.watched.delete(operationId);
    if (this.watched.size === 0) this.stop();
  }

  protected unfollowAll(): void {
    this.watched.clear();
    this.stop();
  }

  private schedule(): void {
    if (this.timer || this.round || this.watched.size === 0) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.poll();
    }, this.intervalMs);
  }

  private stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.round?.abort();
    this.round = null;
  }

  /** One round: every watched operation at once; the next round is scheduled when this one is done, so slow answers never pile up. */
  private async poll(): Promise<void> {
    const round = new AbortController();
    this.round = round;
    await Promise.all([...this.watched.keys()].map((operationId) => this.pollOne(operationId, round.signal)));
    if (this.round !== round) return;
    this.round = null;
    if (this.connected) this.schedule();
  }

  private async pollOne(operationId: string, signal: AbortSignal): Promise<void> {
    try {
      const snapshot = await this.api.snapshot(operationId, signal);
      const lastSeq = this.watched.get(operationId);
      if (signal.aborted || lastSeq === undefined) return;
      this.link.markWorking();
      if (isTerminalStatus(snapshot.status)) this.watched.delete(operationId);
      else this.watched.set(operationId, Math.max(lastSeq, snapshot.seq));
      if (snapshot.seq > lastSeq) this.hooks.onSnapshot(snapshot);
    } catch (error) {
      if (signal.aborted) return;
      // Unreachable or refused: the link goes down and every operation is followed again once it is back.
      const failure = this.failed(error, `polling ${operationId}`);
      if (isLinkFailure(failure)) return;
      // NOT_FOUND: the operation was deleted or expired (or the server restarted without it): it is lost, stop polling it.
      if (failure.code === 'NOT_FOUND') {
        this.watched.delete(operationId);
        this.hooks.onOperationLost(operationId, failure);
        return;
      }
      // RATE_LIMITED, STORE_UNAVAILABLE…: reported; the next round asks again.
      this.hooks.report(failure, `polling operation ${operationId}`);
    }
  }
}
