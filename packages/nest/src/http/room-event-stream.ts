import type { ServerResponse } from 'node:http';
import { endAtExpiry } from './sse-expiry.js';
import type { RoomEventListener } from '../events/room-events.js';

/**
 * Streams the events sent to a caller's rooms as Server-Sent Events (docs/protocol.md,
 * HTTP and Server-Sent Events): one message per event, `event:` its name and `data:` its
 * JSON, no `id:` (room events are not stored, so there is nothing to replay); a comment
 * heartbeat; the end at the token's expiry. It opens with a comment, so the head and the
 * fact that the caller is listening reach the client at once.
 */
export function streamRoomEvents(
  res: ServerResponse,
  listen: (listener: RoomEventListener) => () => void,
  options: { heartbeatMs: number; expiresAt: number },
): void {
  let ended = false;
  const stopListening = listen((event, payload) => {
    if (!ended) res.write(`event: ${event}\ndata: ${JSON.stringify(payload ?? null)}\n\n`);
  });
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
  });
  res.write(': listening\n\n');
  const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), options.heartbeatMs);
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
  stopExpiry = endAtExpiry(res, options.expiresAt, end);
}
