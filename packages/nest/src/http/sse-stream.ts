import type { ServerResponse } from 'node:http';
import { isTerminalEvent, isTerminalStatus, type OperationSnapshot, type StoredEvent } from '@liveprogress/protocol';
import type { EventsAfter, Metrics } from '@liveprogress/core';
import { endAtExpiry } from './sse-expiry.js';

export interface SseSource {
  listen(listener: (event: StoredEvent) => void): () => void;
  snapshot(): Promise<OperationSnapshot | null>;
  eventsAfter(afterSeq: number): Promise<EventsAfter>;
}

/**
 * Streams one operation as Server-Sent Events (docs/protocol.md, HTTP and Server-Sent Events): the snapshot (no id),
 * the retained events after `Last-Event-ID`, then live events, each with `id: seq`;
 * ends after the terminal event, or with `auth.expired` at the token's expiry. Live events are
 * listened to before the snapshot is read and held until it is written, so the handoff has no
 * duplicate. A live event past the next `seq` (a relay that started listening a moment after the
 * snapshot was read, in Redis mode) is held while the missing ones are read from the store, so
 * the stream has no gap either.
 */
export async function streamOperation(
  res: ServerResponse,
  source: SseSource,
  options: { lastEventId: number | undefined; heartbeatMs: number; metrics?: Metrics; expiresAt: number },
): Promise<void> {
  let written = Number.POSITIVE_INFINITY; // nothing live goes out before the snapshot
  let held: StoredEvent[] = [];
  let ended = false;
  let open = false; // counted in the connections gauge
  /** While the store is read for a gap, live events wait in `held`. */
  let filling = false;
  /** The `seq` a gap was last filled from: a gap that a read could not fill (retention) is let through. */
  let filledFrom = -1;
  const stopListening = source.listen((event) => {
    if (ended) return;
    if (written === Number.POSITIVE_INFINITY) held.push(event);
    else deliver(event);
  });
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let stopExpiry: () => void = () => undefined;
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    stopExpiry();
    stopListening();
    if (open) options.metrics?.add('connections', -1, { transport: 'sse' });
    res.end();
  };
  res.on('close', end);

  function writeEvent(event: StoredEvent): boolean {
    if (ended || event.seq <= written) return false;
    const { event: name, ...payload } = event;
    res.write(`event: ${name}\nid: ${event.seq}\ndata: ${JSON.stringify(payload)}\n\n`);
    written = event.seq;
    if (isTerminalEvent(event)) end();
    return true;
  }

  function deliver(event: StoredEvent): void {
    if (ended || event.seq <= written) return;
    if (filling) return void held.push(event);
    if (event.seq > written + 1 && filledFrom !== written) return fillGap(event);
    writeLive(event);
  }

  function fillGap(trigger: StoredEvent): void {
    filling = true;
    filledFrom = written;
    held.push(trigger);
    source
      .eventsAfter(written)
      .then(({ events }) => {
        for (const event of events) writeEvent(event);
      })
      // The store did not answer: the live events go out as they are, and the client's
      // reconnect with Last-Event-ID fetches what is missing.
      .catch(() => undefined)
      .finally(() => {
        filling = false;
        const pending = held.sort((a, b) => a.seq - b.seq);
        held = [];
        for (const event of pending) deliver(event);
      });
  }

  /** A live event (not a replayed one): its delivery lag is measured. */
  function writeLive(event: StoredEvent): void {
    if (writeEvent(event)) options.metrics?.observe('publish_lag_seconds', (Date.now() - event.timestamp) / 1000, { path: 'sse' });
  }

  // Both reads come before the head, so a store that does not answer in time still gets a
  // 503 STORE_UNAVAILABLE (the caller's error path) rather than a stream that never starts.
  let snapshot: OperationSnapshot | null;
  let replay: Pick<EventsAfter, 'events'> = { events: [] };
  let lastEventId: number | undefined;
  try {
    snapshot = await source.snapshot();
    // An id beyond the operation (a client from another store, say) is stale: the snapshot is the truth.
    lastEventId = snapshot && options.lastEventId !== undefined && options.lastEventId <= snapshot.seq ? options.lastEventId : undefined;
    if (snapshot && lastEventId !== undefined) replay = await source.eventsAfter(lastEventId);
  } catch (err) {
    ended = true;
    stopListening();
    throw err;
  }
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  if (!snapshot || ended) return end();
  heartbeat = setInterval(() => res.write(': heartbeat\n\n'), options.heartbeatMs);
  open = true;
  options.metrics?.add('connections', 1, { transport: 'sse' });
  res.write(`event: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`);
  written = lastEventId ?? snapshot.seq;
  for (const event of replay.events) writeEvent(event);
  if (written < snapshot.seq) written = snapshot.seq; // what the snapshot already holds beyond the retained replay
  const pending = held;
  held = [];
  for (const event of pending.sort((a, b) => a.seq - b.seq)) deliver(event);
  if (isTerminalStatus(snapshot.status)) end();
  else stopExpiry = endAtExpiry(res, options.expiresAt, end);
}
