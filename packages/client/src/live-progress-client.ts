import { ServerEvent, type ListRequest, type OperationSnapshot, type TableRefreshPayload } from '@liveprogress/protocol';
import { Connection, type ConnectionOptions } from './connection.js';
import type { ConnectionState, ConnectionStatus } from './connection-state.js';
import { LiveProgressClientError } from './errors.js';
import { DEV, seeDocs } from './dev.js';
import { EventRouter, type EventHandler, type TableRefreshHandler } from './event-router.js';
import { defaultErrorReporter, type ErrorReporter } from './listener-set.js';
import type { NotifyMode } from './notify-scheduler.js';
import { OperationCache, type WatchedOperationInfo } from './operation-cache.js';
import type { LiveTransport, SocketFactory, TransportFallback, TransportHooks, TransportKind } from './transport.js';

export interface LiveProgressClientOptions extends ConnectionOptions {
  /** Connect from the constructor (default true). React providers pass false and connect in an effect. */
  autoConnect?: boolean;
  /** How operation-cache notifications are batched (default 'frame'). */
  notify?: NotifyMode;
  /** Where a throwing handler or listener is reported (default console.error). */
  onError?: ErrorReporter;
  /**
   * Where to go when Socket.IO cannot connect at all: `httpFallback()` from
   * `@liveprogress/client/fallback` (SSE, then polling). Without it the client uses the socket alone,
   * which already falls back to long-polling inside Socket.IO; the SSE and polling code is then not
   * in the bundle (docs/client.md, Transports and fallback).
   */
  fallback?: TransportFallback;
  /**
   * Carries the client over this transport instead of Socket.IO (then `fallback` does not apply).
   * The seam for an in-memory server in tests: `@liveprogress/react/testing` passes one, so the
   * real store and reducer run with no network.
   */
  transport?: (hooks: TransportHooks) => LiveTransport;
}

const socket: SocketFactory = (options, hooks) => new Connection(options, hooks);

/** What `getActiveSubscriptions()` lists, for debugging. */
export interface ActiveSubscriptions {
  events: { id: string; pattern: string }[];
  tables: { id: string; table: string }[];
  operations: WatchedOperationInfo[];
}

/** The `subscribe`/`getSnapshot` pair of the connection status, for `useSyncExternalStore`. */
export interface ConnectionStore {
  getSnapshot: () => ConnectionState;
  subscribe: (listener: () => void) => () => void;
}

/** One connection to a LiveProgress server: status, operations, events and requests. */
export class LiveProgressClient {
  readonly url: string;
  readonly connection: ConnectionStore;
  readonly operations: OperationCache;
  readonly #conn: LiveTransport;
  readonly #events: EventRouter;

  constructor(options: LiveProgressClientOptions) {
    if (typeof options?.url !== 'string' || options.url.length === 0) {
      throw new LiveProgressClientError(
        'CONFIG_INVALID',
        DEV
          ? "LiveProgressClient needs a `url`, e.g. new LiveProgressClient({ url: 'http://127.0.0.1:3001' })"
          : seeDocs('CONFIG_INVALID', 'client.md#connection-and-authentication'),
      );
    }
    // The fallback options moved into `httpFallback()`: say so instead of silently staying on the socket.
    // Written as expressions on DEV, so a production bundle keeps only the type check.
    if ((DEV && ['transportOrder', 'http'].some((name) => name in options)) || (options.fallback !== undefined && typeof options.fallback !== 'function')) {
      throw new LiveProgressClientError(
        'CONFIG_INVALID',
        DEV
          ? `${['transportOrder', 'http'].find((name) => name in options) ?? 'fallback'} is an option of httpFallback() now: import { httpFallback } from '@liveprogress/client/fallback' and pass fallback: httpFallback({ ... })`
          : seeDocs('CONFIG_INVALID', 'client.md#transports-and-fallback'),
      );
    }
    this.url = options.url;
    const report = options.onError ?? defaultErrorReporter;
    this.#events = new EventRouter(report);
    const hooks: TransportHooks = {
      report,
      onConnected: () => this.operations.handleConnected(),
      onDisconnected: () => this.operations.handleDisconnected(),
      onServerEvent: (name, payload) => {
        this.operations.handleServerEvent(name, payload);
        this.#events.dispatch(name, payload);
      },
      onSnapshot: (snapshot) => this.operations.handleSnapshot(snapshot),
      onOperationLost: (operationId, error) => this.operations.handleLost(operationId, error),
    };
    this.#conn = options.transport ? options.transport(hooks) : options.fallback ? options.fallback(options, hooks, socket) : socket(options, hooks);
    this.operations = new OperationCache(this.#conn, { notify: options.notify, onError: report, retry: options.reconnection });
    this.connection = { getSnapshot: this.#conn.getSnapshot, subscribe: this.#conn.subscribe };
    if (options.autoConnect ?? true) this.connect();
  }

  connect(): void {
    this.#conn.connect();
  }

  /** Drops the connection until connect(); watched operations are kept and re-subscribed with afterSeq then. */
  disconnect(): void {
    this.#conn.disconnect();
  }

  /** Disconnects and releases every listener, watcher and timer; the client cannot be used afterwards. */
  close(): void {
    this.#conn.close();
    this.operations.close();
    this.#events.clear();
  }

  setToken(token: string): Promise<void> {
    return this.#conn.setToken(token);
  }

  getStatus(): ConnectionStatus {
    return this.#conn.getSnapshot().status;
  }

  /** The transport in use (or about to be): 'socket', 'sse' or 'polling'; also `connection.getSnapshot().transport`. */
  getTransport(): TransportKind {
    return this.#conn.kind;
  }

  watchOperation(operationId: string): () => void {
    return this.operations.watch(operationId);
  }

  subscribeToEvent<T = unknown>(pattern: string, handler: EventHandler<T>): string {
    return this.#events.subscribe(pattern, handler);
  }

  /** Returns void on purpose: React code writes `return () => unsubscribeFromEvent(id)` in useEffect (docs/react.md, useWebSocket), whose cleanup must return void. */
  unsubscribeFromEvent(id: string): void {
    this.#events.unsubscribe(id);
  }

  /** `subscribeToEvent` returning its off-function instead of an id. */
  onEvent<T = unknown>(pattern: string, handler: EventHandler<T>): () => void {
    const id = this.#events.subscribe(pattern, handler);
    return () => {
      this.#events.unsubscribe(id);
    };
  }

  onTableRefresh(table: string, handler: (event: TableRefreshPayload) => void): string {
    return this.#events.onTableRefresh(table, handler satisfies TableRefreshHandler);
  }

  /** Void for the same reason as unsubscribeFromEvent. */
  offTableRefresh(id: string): void {
    this.#events.unsubscribe(id);
  }

  /**
   * Calls the `onTableRefresh` handlers of `event.table` as if the server had sent it: what
   * `useLiveOperation` with `enableTableRefresh` does when its operation completes.
   */
  refreshTable(event: TableRefreshPayload): void {
    this.#events.dispatch(ServerEvent.TABLE_REFRESH, event);
  }

  getActiveSubscriptions(): ActiveSubscriptions {
    return { ...this.#events.list(), operations: this.operations.watchedOperations() };
  }

  /** `operations.list`: what the caller may see, newest first. */
  async listOperations(filter: ListRequest = {}): Promise<OperationSnapshot[]> {
    const ack = await this.#conn.request('operations.list', filter);
    if (!Array.isArray(ack.operations)) {
      throw new LiveProgressClientError(
        'INVALID_RESPONSE',
        DEV ? 'operations.list ack has no operations array' : seeDocs('INVALID_RESPONSE', 'client.md#errors'),
        { details: ack },
      );
    }
    return ack.operations;
  }

  /** `operation.cancel`; the operation then ends with a cancelled `progress.failed`. */
  async cancel(operationId: string): Promise<void> {
    await this.#conn.request('operation.cancel', { operationId });
  }

  /**
   * `operation.delete`: removes a finished operation (its owner or a tenant admin may);
   * rejects with `OPERATION_RUNNING` while it runs, `FORBIDDEN` for another user who may see it.
   */
  async deleteOperation(operationId: string): Promise<void> {
    await this.#conn.request('operation.delete', { operationId });
  }
}
