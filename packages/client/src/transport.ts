import type { OperationSnapshot } from '@liveprogress/protocol';
import type { ConnectionOptions } from './connection.js';
import type { ConnectionState } from './connection-state.js';
import type { LiveProgressClientError } from './errors.js';
import type { ErrorReporter } from './listener-set.js';
import type { RequestTransport } from './request.js';

/** The ways the client can follow operations, in the default fallback order. */
export const TRANSPORT_KINDS = ['socket', 'sse', 'polling'] as const;
export type TransportKind = (typeof TRANSPORT_KINDS)[number];

/** What a transport tells the client; the selector forwards only the active transport's calls. */
export interface TransportHooks {
  onConnected(): void;
  onDisconnected(): void;
  /** A server event by name (`progress.*` and, on the socket, every other event). */
  onServerEvent(name: string, payload: unknown): void;
  /** A newer snapshot of a watched operation, from a transport that sees no events (polling). */
  onSnapshot(snapshot: OperationSnapshot): void;
  /** A watched operation the server no longer has (polling found it NOT_FOUND). */
  onOperationLost(operationId: string, error: LiveProgressClientError): void;
  report: ErrorReporter;
}

/** One way to reach the server, as the transport selector drives it. */
export interface LiveTransport extends RequestTransport {
  readonly kind: TransportKind;
  /** Consecutive failures to reach the server (auth refusals excluded) since the transport last worked. */
  readonly failures: number;
  getSnapshot(): ConnectionState;
  subscribe(listener: () => void): () => void;
  connect(): void;
  disconnect(): void;
  close(): void;
  setToken(token: string): Promise<void>;
}

/** Builds the Socket.IO transport: how an opt-in tier reaches the socket without importing it. */
export type SocketFactory = (options: ConnectionOptions, hooks: TransportHooks) => LiveTransport;

/**
 * An opt-in tier over the socket, e.g. `httpFallback()` from `@liveprogress/client/fallback`
 * (docs/client.md, Transports and fallback): given the client's options, its hooks and a way to build
 * the socket, the transport the client follows operations on. The main entry never imports one,
 * so an app that does not pass it does not carry its code.
 */
export type TransportFallback = (options: ConnectionOptions, hooks: TransportHooks, socket: SocketFactory) => LiveTransport;
