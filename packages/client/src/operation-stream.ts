import { isTerminalEvent, isTerminalStatus, ServerEvent, type OperationSnapshot, type StoredEvent } from '@liveprogress/protocol';
import { LiveProgressClientError } from './errors.js';
import type { HttpApi } from './http-api.js';
import { isProgressEventName, isSnapshot, toStoredEvent } from './progress-event.js';
import type { AckSuccess } from './request.js';
import type { SseItem } from '@liveprogress/protocol';
import { readSse } from './read-sse.js';

export type SubscribeAckSuccess = AckSuccess<'operation.subscribe'>;

export interface OperationStreamCallbacks {
  /** A progress event after the ack, as the socket would deliver it (payload without its `event` name). */
  onEvent(name: StoredEvent['event'], payload: unknown): void;
  /** The stream opened and sent its snapshot. */
  onOpen(): void;
  /** `operation.deleted` arrived (its payload, as the socket would deliver it); the stream ends after it. */
  onDeleted(payload: unknown): void;
  /** The stream ended on its own: null after the terminal event, or why it broke. Not called after close(). */
  onEnd(error: LiveProgressClientError | null): void;
}

/**
 * One operation's SSE stream (docs/protocol.md, HTTP and Server-Sent Events), turned into what a socket subscribe
 * gives: `ack` resolves with the snapshot and the events replayed after
 * Last-Event-ID, then every later event goes to `onEvent`. The replay follows the
 * snapshot as separate messages, so they are gathered until the replay has
 * reached the snapshot's seq (or cannot: a hole, a heartbeat, the end).
 */
export class OperationStream {
  readonly ack: Promise<SubscribeAckSuccess>;
  private resolveAck!: (ack: SubscribeAckSuccess) => void;
  private rejectAck!: (error: LiveProgressClientError) => void;
  private settled = false;
  private closed = false;
  private snapshot: OperationSnapshot | null = null;
  private readonly replay: StoredEvent[] = [];
  /** Terminal event seen, or the operation was deleted: the stream's end is then the normal one. */
  private terminal = false;
  private readonly abort = new AbortController();
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly api: HttpApi,
    private readonly operationId: string,
    private readonly afterSeq: number | undefined,
    private readonly idleTimeoutMs: number,
    private readonly callbacks: OperationStreamCallbacks,
  ) {
    this.ack = new Promise((resolve, reject) => {
      this.resolveAck = resolve;
      this.rejectAck = reject;
    });
    // The owner handles a failed ack; this keeps a rejection nobody awaits from being reported as unhandled.
    this.ack.catch(() => undefined);
    void this.run();
  }

  /** Stops reading and releases the connection and the timer; a pending ack rejects with DISCONNECTED. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.clearIdle();
    this.abort.abort();
    this.settle(new LiveProgressClientError('DISCONNECTED', `the SSE stream of ${this.operationId} was closed before its snapshot`));
  }

  private async run(): Promise<void> {
    this.armIdle();
    let reader: ReadableStreamDefaultReader<Uint8Array>;
    try {
      reader = (await this.api.stream(this.operationId, this.afterSeq, this.abort.signal)).getReader();
    } catch (error) {
      if (!this.closed) this.finish(asError(error, 'could not open the SSE stream'));
      return;
    }
    if (this.closed) {
      void reader.cancel().catch(() => undefined);
      return;
    }
    try {
      const ended = await readSse(reader, {
        onChunk: () => this.armIdle(),
        onItem: (item) => this.handle(item),
        stopped: () => this.closed,
        flushAtEnd: true,
      });
      if (!ended) return;
    } catch (error) {
      if (!this.closed) this.finish(asError(error, 'the SSE stream broke'));
      return;
    } finally {
      if (this.closed) void reader.cancel().catch(() => undefined);
    }
    if (this.closed) return;
    this.flushAck();
    this.finish(
      this.terminal ? null : new LiveProgressClientError('CONNECTION_FAILED', `the SSE stream of ${this.operationId} ended before the operation finished`),
    );
  }

  private handle(item: SseItem): void {
    if (item.kind === 'comment') {
      // A heartbeat comes after the replay was written: whatever has been gathered is all there is.
      this.flushAck();
      return;
    }
    if (item.event === 'snapshot') {
      this.onSnapshot(item.data);
      return;
    }
    if (item.event === ServerEvent.AUTH_EXPIRED) {
      // The server ends the stream at the token's expiry (docs/protocol.md, HTTP and Server-Sent Events): the link
      // goes 'unauthorized' and, with getToken, comes back with a fresh token and Last-Event-ID.
      this.fail(new LiveProgressClientError('TOKEN_EXPIRED', `the SSE stream of ${this.operationId} ended: the token expired`));
      return;
    }
    if (item.event === ServerEvent.OPERATION_DELETED) {
      this.terminal = true;
      this.flushAck();
      this.callbacks.onDeleted(parseJson(item.data) ?? { operationId: this.operationId });
      return;
    }
    if (!isProgressEventName(item.event)) return;
    let payload: unknown;
    try {
      payload = JSON.parse(item.data);
    } catch {
      this.fail(new LiveProgressClientError('INVALID_RESPONSE', `the SSE stream of ${this.operationId} sent ${item.event} with data that is not JSON`));
      return;
    }
    const event = toStoredEvent(item.event, payload);
    if (!event || event.operationId !== this.operationId) return;
    if (isTerminalEvent(event)) this.terminal = true;
    if (!this.settled && this.snapshot) {
      const expected = (this.replay.at(-1)?.seq ?? this.afterSeq ?? this.snapshot.seq) + 1;
      if (event.seq === expected) {
        this.replay.push(event);
        if (event.seq >= this.snapshot.seq) this.flushAck();
        return;
      }
      // Not the next replayed seq: the replay stopped short (the server no longer keeps the hole).
      this.flushAck();
    }
    if (!this.settled) return; // an event before the snapshot breaks the contract's order; the snapshot covers it
    this.callbacks.onEvent(item.event, payload);
  }

  private onSnapshot(data: string): void {
    if (this.snapshot) return;
    let snapshot: unknown;
    try {
      snapshot = JSON.parse(data);
    } catch {
      snapshot = undefined;
    }
    if (!isSnapshot(snapshot, this.operationId)) {
      this.fail(new LiveProgressClientError('INVALID_RESPONSE', `the SSE stream of ${this.operationId} sent a snapshot the contract does not describe`));
      return;
    }
    this.snapshot = snapshot;
    if (isTerminalStatus(snapshot.status)) this.terminal = true;
    this.callbacks.onOpen();
    // Nothing to replay: a first subscribe, or the snapshot is not ahead of what we have.
    if (this.afterSeq === undefined || snapshot.seq <= this.afterSeq) this.flushAck();
  }

  private flushAck(): void {
    if (this.settled || !this.snapshot) return;
    const last = this.replay.at(-1)?.seq ?? this.afterSeq;
    const recovered = this.afterSeq !== undefined && last !== undefined && last >= this.snapshot.seq;
    this.settled = true;
    this.resolveAck({ ok: true, snapshot: this.snapshot, events: [...this.replay], recovered });
  }

  private fail(error: LiveProgressClientError): void {
    this.closed = true;
    this.clearIdle();
    this.abort.abort();
    this.finish(error);
  }

  private finish(error: LiveProgressClientError | null): void {
    this.clearIdle();
    this.settle(error ?? new LiveProgressClientError('DISCONNECTED', `the SSE stream of ${this.operationId} ended before its snapshot`));
    this.callbacks.onEnd(error);
  }

  private settle(error: LiveProgressClientError): void {
    if (this.settled) return;
    this.settled = true;
    this.rejectAck(error);
  }

  private armIdle(): void {
    this.clearIdle();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      this.fail(
        new LiveProgressClientError(
          'CONNECTION_FAILED',
          `the SSE stream of ${this.operationId} was silent for ${this.idleTimeoutMs} ms (no event, no heartbeat): a proxy may be buffering it`,
        ),
      );
    }, this.idleTimeoutMs);
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

function parseJson(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}

function asError(error: unknown, what: string): LiveProgressClientError {
  if (error instanceof LiveProgressClientError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new LiveProgressClientError('CONNECTION_FAILED', `${what}: ${reason}`, { cause: error });
}
