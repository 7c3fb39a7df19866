import type { Logger } from '@nestjs/common';
import { StoreUnavailableError } from '@liveprogress/core';
import { type InboundSchema, parseInbound } from '@liveprogress/protocol/schemas';
import { checkInboundShape } from './inbound-shape.js';
import type { LiveSocket } from './live-socket.js';
import type { RateLimiter } from './rate-limiter.js';
import { RequestError } from './request-error.js';

export type RequestHandler<T, Answer extends object = object> = (socket: LiveSocket, payload: T) => Promise<Answer>;

export interface DispatchContext {
  limiter: RateLimiter;
  logger: Logger;
  event: string;
}

type Ack = (response: unknown) => void;

/**
 * Turns one Socket.IO request into exactly one ack, whatever arrives: the ack is
 * the last argument; anything but one payload, too deep, too big, off-schema,
 * over the rate, a store that does not answer in time (STORE_UNAVAILABLE), or a
 * handler that throws, is answered with a code, and the connection stays up.
 */
export function dispatchRequest<T>(socket: LiveSocket, args: unknown[], schema: InboundSchema<T>, handler: RequestHandler<T>, context: DispatchContext): void {
  const last = args[args.length - 1];
  if (typeof last !== 'function') return; // nobody to answer; the contract requires an ack
  const ack = once(last as Ack);
  if (!context.limiter.take(socket.id)) {
    ack(new RequestError('RATE_LIMITED', `Too many requests on this connection: slow down and retry shortly`).toAck());
    return;
  }
  const payloads = args.length - 1;
  if (payloads !== 1) {
    ack(new RequestError('INVALID_PAYLOAD', `${context.event} takes exactly one payload object and an ack, got ${payloads} payload arguments`).toAck());
    return;
  }
  const shapeProblem = checkInboundShape(args[0]);
  if (shapeProblem) {
    ack(new RequestError('INVALID_PAYLOAD', shapeProblem).toAck());
    return;
  }
  const parsed = parseInbound(schema, args[0]);
  if (!parsed.success) {
    ack(new RequestError('INVALID_PAYLOAD', `${context.event}: ${parsed.message}`).toAck());
    return;
  }
  handler(socket, parsed.data).then(
    (result) => ack({ ok: true, ...result }),
    (err: unknown) => {
      if (err instanceof RequestError) return ack(err.toAck());
      if (err instanceof StoreUnavailableError) return ack(new RequestError('STORE_UNAVAILABLE', err.message).toAck());
      context.logger.error(`${context.event} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      ack(new RequestError('INTERNAL', 'The server could not handle this request').toAck());
    },
  );
}

function once(fn: Ack): Ack {
  let called = false;
  return (response) => {
    if (called) return;
    called = true;
    fn(response);
  };
}
