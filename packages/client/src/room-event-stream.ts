import { ServerEvent, type SseItem } from '@liveprogress/protocol';
import { readSse } from './read-sse.js';
import { LiveProgressClientError } from './errors.js';
import type { HttpApi } from './http-api.js';
import { isProgressEventName } from './progress-event.js';

export interface RoomEventStreamCallbacks {
  /** A room event (toast, table refresh, custom event), as the socket would deliver it. */
  onEvent(name: string, payload: unknown): void;
  /** The stream ended on its own, and why (TOKEN_EXPIRED at the token's expiry, CONNECTION_FAILED…). Not called after close(). */
  onEnd(error: LiveProgressClientError): void;
}

/**
 * The caller's room-event SSE stream (docs/protocol.md, HTTP and Server-Sent Events): what
 * the socket's rooms would carry (toasts, table refreshes, custom events), for the SSE and
 * polling transports, so that `subscribeToEvent` and `onTableRefresh` work the same on every
 * transport. Room events are not stored, so a broken stream is reopened from now on.
 */
export class RoomEventStream {
  /** Settles when the server is listening for this caller (null), or with why the stream ended before that. */
  readonly opened: Promise<LiveProgressClientError | null>;
  private settleOpened!: (error: LiveProgressClientError | null) => void;
  private closed = false;
  private readonly abort = new AbortController();
  private idleTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly api: HttpApi,
    private readonly idleTimeoutMs: number,
    private readonly callbacks: RoomEventStreamCallbacks,
  ) {
    this.opened = new Promise((resolve) => {
      this.settleOpened = resolve;
    });
    void this.run();
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.settleOpened(new LiveProgressClientError('DISCONNECTED', 'the room-event stream was closed'));
    this.clearIdle();
    this.abort.abort();
  }

  private async run(): Promise<void> {
    this.armIdle();
    let reader: ReadableStreamDefaultReader<Uint8Array>;
    try {
      reader = (await this.api.roomEvents(this.abort.signal)).getReader();
    } catch (error) {
      this.end(asError(error, 'could not open the room-event stream'));
      return;
    }
    // The server registers the caller's rooms before it answers: from here on nothing sent to them is missed.
    this.settleOpened(null);
    try {
      const ended = await readSse(reader, {
        onChunk: () => this.armIdle(),
        onItem: (item) => this.handle(item),
        stopped: () => this.closed,
        flushAtEnd: false,
      });
      if (!ended) return;
    } catch (error) {
      this.end(asError(error, 'the room-event stream broke'));
      return;
    } finally {
      if (this.closed) void reader.cancel().catch(() => undefined);
    }
    this.end(new LiveProgressClientError('CONNECTION_FAILED', 'the room-event stream ended'));
  }

  private handle(item: SseItem): void {
    if (item.kind === 'comment') return;
    if (item.event === ServerEvent.AUTH_EXPIRED) {
      this.end(new LiveProgressClientError('TOKEN_EXPIRED', 'the room-event stream ended: the token expired'));
      return;
    }
    // Progress travels on the operation streams (or polls), never twice.
    if (isProgressEventName(item.event)) return;
    let payload: unknown;
    try {
      payload = JSON.parse(item.data);
    } catch {
      return;
    }
    this.callbacks.onEvent(item.event, payload);
  }

  private end(error: LiveProgressClientError): void {
    if (this.closed) return;
    this.settleOpened(error);
    this.close();
    this.callbacks.onEnd(error);
  }

  private armIdle(): void {
    this.clearIdle();
    this.idleTimer = setTimeout(() => {
      this.idleTimer = null;
      this.end(
        new LiveProgressClientError(
          'CONNECTION_FAILED',
          `the room-event stream was silent for ${this.idleTimeoutMs} ms (no event, no heartbeat): a proxy may be buffering it`,
        ),
      );
    }, this.idleTimeoutMs);
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}

function asError(error: unknown, what: string): LiveProgressClientError {
  if (error instanceof LiveProgressClientError) return error;
  const reason = error instanceof Error ? error.message : String(error);
  return new LiveProgressClientError('CONNECTION_FAILED', `${what}: ${reason}`, { cause: error });
}
