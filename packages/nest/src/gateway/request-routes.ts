import type { ClientRequest, RequestAck, RequestPayload } from '@liveprogress/protocol';
import type { InboundSchema } from '@liveprogress/protocol/schemas';
import type { LiveSocket } from './live-socket.js';
import { type DispatchContext, type RequestHandler, dispatchRequest } from './request-dispatcher.js';

/** What a handler answers on success: the request's ack without `ok`, which the dispatcher adds. */
export type AckBody<R extends ClientRequest> = Omit<Extract<RequestAck<R>, { ok: true }>, 'ok'>;

/** One handler per request name of the catalogue: a request left without one does not compile. */
export type RequestHandlers = { [R in ClientRequest]: RequestHandler<RequestPayload<R>, AckBody<R>> };

/** The shape of the protocol's `requestSchemas`: one schema per request name. */
export type RequestSchemas = { readonly [R in ClientRequest]: InboundSchema<RequestPayload<R>> };

export type Route = (socket: LiveSocket, args: unknown[], context: DispatchContext) => void;

/** The gateway's routes, by request name: each request's schema joined to its handler. */
export function requestRoutes(schemas: RequestSchemas, handlers: RequestHandlers): ReadonlyMap<string, Route> {
  const names = Object.keys(schemas) as ClientRequest[];
  return new Map(names.map((name) => [name, routeOf(name, schemas, handlers)]));
}

function routeOf<R extends ClientRequest>(name: R, schemas: RequestSchemas, handlers: RequestHandlers): Route {
  const schema: InboundSchema<RequestPayload<R>> = schemas[name];
  const handler: RequestHandler<RequestPayload<R>, AckBody<R>> = handlers[name];
  return (socket, args, context) => dispatchRequest(socket, args, schema, handler, context);
}
