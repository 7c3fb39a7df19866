// @liveprogress/client/fallback: the opt-in SSE and polling tier (docs/client.md, Transports and fallback).
// Socket.IO already falls back to long-polling inside its own connection; this tier is for networks
// that refuse Socket.IO altogether, and for CLIs and servers that follow operations over HTTP only.
// The main entry never imports this module, so an app that does not pass `httpFallback()` does not carry it.
import type { ConnectionOptions } from './connection.js';
import { checkFallbackOptions, TransportSelector, type FallbackOptions } from './transport-selector.js';
import type { LiveTransport, SocketFactory, TransportFallback, TransportHooks } from './transport.js';

export type { FallbackOptions } from './transport-selector.js';
export type { HttpOptions } from './http-api.js';

/**
 * The SSE and polling fallback for `new LiveProgressClient({ url, fallback: httpFallback() })` (or
 * `<WebSocketProvider fallback={httpFallback()}>`): the socket first, then, after `afterFailures`
 * consecutive failures, SSE, then polling, probing the socket to return to it. `transportOrder`
 * changes the order, e.g. `['sse']` alone for a CLI. Options are checked here, so a bad one throws now.
 */
export function httpFallback(options?: FallbackOptions): TransportFallback {
  const checked = checkFallbackOptions(options);
  return (connection: ConnectionOptions, hooks: TransportHooks, socket: SocketFactory): LiveTransport =>
    new TransportSelector(connection, checked, hooks, socket);
}
