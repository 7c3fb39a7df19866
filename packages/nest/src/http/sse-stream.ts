import type { ServerResponse } from 'node:http';
import { isTerminalEvent, isTerminalStatus, type OperationSnapshot, type StoredEvent } from '@liveprogress/protocol';
import type { EventsAfter } from '@liveprogress/core';
import { endAtExpiry } from './sse-expiry.js';

export interface SseSource {
  listen(listener: (event: StoredEvent) => void): () => void;
  snapshot(): Promise<OperationSnapshot | null>;
  eventsAfter(afterSeq: number): Promise<EventsAfter>;
}

/**
 * Streams one operation as Server-Sent Events (docs/protocol.md, HTTP and Server-Sent Events): the snapshot (no id),
 * the retained events after `Last-Event-ID`, then live events, each with `id: seq`;
 * ends after the terminal event, or with `auth.expired` at the token's expiry. Live events are listened to before the snapshot is
 * read and held until it is written, so the handoff has no gap and no duplicate.
 */
export async function streamOperation(
  res: ServerResponse,
  source: SseSource,
  options: { lastEventId: number | undefined; heartbeatMs: number; expiresAt: number },
): Promise<void> {
  let written = Number.POSITIVE_INFINITY; // nothing live goes out before the snapshot
  let held: StoredEvent[] = [];
  let ended = false;
  const stopListening = source.listen((event) => {
    if (ended) return;
    if (written === Number.POSITIVE_INFINITY) held.push(event);
    else writeEvent(event);
  });
  let heartbeat: ReturnType<typeof setInterval> | undefined;
  let stopExpiry: () => void = () => undefined;
  const end = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    stopExpiry();
    stopListening();
    res.end();
  };
  res.on('close', end);

  function writeEvent(event: StoredEvent): void {
    if (ended || event.seq <= written) return;
    const { event: name, ...payload } = event;
    res.write(`event: ${name}\nid: ${event.seq}\ndata: ${JSON.stringify(payload)}\n\n`);
    written = event.seq;
    if (isTerminalEvent(event)) end();
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
  res.write(`event: snapshot\ndata: ${JSON.stringify(snapshot)}\n\n`);
  written = lastEventId ?? snapshot.seq;
  for (const event of replay.events) writeEvent(event);
  if (written < snapshot.seq) written = snapshot.seq; // what the snapshot already holds beyond the retained replay
  const pending = held;
  held = [];
  for (const event of pending.sort((a, b) => a.seq - b.seq)) writeEvent(event);
  if (isTerminalStatus(snapshot.status)) end();
  else stopExpiry = endAtExpiry(res, options.expiresAt, end);
}
