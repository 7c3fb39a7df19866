import { Limits, ServerEvent, type SubscribeRequest } from '@liveprogress/protocol';
import { HttpTransport, type HttpTransportDeps } from './http-transport.js';
import { OperationStream, type SubscribeAckSuccess } from './operation-stream.js';

export interface SseTransportOptions {
  /** A stream silent this long (no event, no heartbeat) is treated as broken; default 3 heartbeats. */
  idleTimeoutMs?: number;
}

/**
 * Follows operations over `GET {prefix}/:id/stream` (one stream per watched operation),
 * with fetch and a streaming body reader, so it runs in browsers and in Node 20, which has
 * no EventSource, and sends the token in the Authorization header rather than the URL.
 * A re-subscribe sends `Last-Event-ID` = the last applied seq and gets the missed events.
 */
export class SseTransport extends HttpTransport {
  readonly kind = 'sse' as const;
  private readonly streams = new Map<string, OperationStream>();
  private readonly idleTimeoutMs: number;

  constructor(deps: HttpTransportDeps, options: SseTransportOptions = {}) {
    super('sse', deps);
    this.idleTimeoutMs = options.idleTimeoutMs ?? 3 * Limits.SSE_HEARTBEAT_MS;
  }

  protected async follow({ operationId, afterSeq }: SubscribeRequest): Promise<SubscribeAckSuccess> {
    // A re-subscribe (after a seq gap, say) replaces the stream: the new one resumes after afterSeq.
    this.unfollow(operationId);
    const stream: OperationStream = new OperationStream(this.api, operationId, afterSeq, this.idleTimeoutMs, {
      onOpen: () => this.link.markWorking(),
      onEvent: (name, payload) => {
        if (this.streams.get(operationId) === stream) this.hooks.onServerEvent(name, payload);
      },
      onDeleted: (payload) => {
        if (this.streams.get(operationId) === stream) this.hooks.onServerEvent(ServerEvent.OPERATION_DELETED, payload);
      },
      onEnd: (error) => {
        if (this.streams.get(operationId) !== stream) return;
        this.streams.delete(operationId);
        // A stream that breaks before the terminal event is a lost connection: every operation re-subscribes.
        if (error) this.failed(error, `the SSE stream of ${operationId}`);
      },
    });
    this.streams.set(operationId, stream);
    try {
      return await stream.ack;
    } catch (error) {
      throw this.asSubscribeError(this.failed(error, `the SSE stream of ${operationId}`));
    }
  }

  protected unfollow(operationId: string): void {
    const stream = this.streams.get(operationId);
    if (!stream) return;
    this.streams.delete(operationId);
    stream.close();
  }

  protected unfollowAll(): void {
    const streams = [...this.streams.values()];
    this.streams.clear();
    for (const stream of streams) stream.close();
  }
}
