import { Limits, type ClientRequest, type RequestPayload } from '@liveprogress/protocol';
import { DEFAULT_BACKOFF } from './backoff.js';
import type { ConnectionOptions } from './connection.js';
import type { ConnectionState } from './connection-state.js';
import { LiveProgressClientError } from './errors.js';
import { DEV, seeDocs } from './dev.js';
import { DEFAULT_HTTP_PREFIX, DEFAULT_ROOM_EVENTS_PATH, HttpApi, type HttpOptions } from './http-api.js';
import type { HttpTransportDeps } from './http-transport.js';
import { ListenerSet } from './listener-set.js';
import { PollingTransport } from './polling-transport.js';
import type { AckSuccess } from './request.js';
import { SseTransport } from './sse-transport.js';
import type { TokenSource } from './token-source.js';
import { TRANSPORT_KINDS, type LiveTransport, type SocketFactory, type TransportHooks, type TransportKind } from './transport.js';

/** When and how the client leaves the socket for SSE or polling, and comes back. */
export interface FallbackOptions {
  /**
   * How to follow operations, in fallback order; default ['socket', 'sse', 'polling'].
   * `['sse']` or `['polling']` alone suits a CLI or a server-side consumer.
   * (Not to be confused with `transports`, Socket.IO's own websocket/long-polling choice.)
   */
  transportOrder?: TransportKind[];
  /** Consecutive failures to reach the server on a transport before the next one is tried; default 3. */
  afterFailures?: number;
  /** Time between two snapshot requests on polling; default 1000. */
  pollIntervalMs?: number;
  /** While on SSE or polling, how often the socket is tried again; default 30_000 (0 = never). */
  socketProbeIntervalMs?: number;
  /** An SSE stream silent this long (no event, no heartbeat) counts as broken; default 45_000. */
  sseIdleTimeoutMs?: number;
  /** Where the HTTP endpoints are (SSE, polling, and list/cancel while on them). */
  http?: HttpOptions;
}

/** The fallback options with their defaults applied and checked. */
export interface CheckedFallbackOptions {
  order: readonly TransportKind[];
  afterFailures: number;
  pollIntervalMs: number;
  socketProbeIntervalMs: number;
  sseIdleTimeoutMs: number | undefined;
  http: HttpOptions;
}

/** Applies the defaults; a bad option fails here, not when a fallback first needs it (then in a listener). */
export function checkFallbackOptions(options: FallbackOptions = {}): CheckedFallbackOptions {
  return {
    order: checkOrder(options.transportOrder),
    afterFailures: positive(options.afterFailures, 3, 'fallback.afterFailures'),
    pollIntervalMs: positive(options.pollIntervalMs, 1000, 'fallback.pollIntervalMs'),
    socketProbeIntervalMs: options.socketProbeIntervalMs ?? 30_000,
    sseIdleTimeoutMs: options.sseIdleTimeoutMs === undefined ? undefined : positive(options.sseIdleTimeoutMs, 0, 'fallback.sseIdleTimeoutMs'),
    http: options.http ?? {},
  };
}

/**
 * Picks the transport the client follows operations on: the first of `transportOrder`
 * (Socket.IO by default); after `afterFailures` consecutive failures to reach the server
 * the next one (SSE, then polling); and, while on a fallback, tries the socket every
 * `socketProbeIntervalMs` and returns to it once it connects. The store above sees one
 * RequestTransport and the usual connected/disconnected hooks, whatever carries them.
 */
export class TransportSelector implements LiveTransport {
  private readonly order: readonly TransportKind[];
  private readonly transports = new Map<TransportKind, LiveTransport>();
  private readonly listeners: ListenerSet;
  private readonly source: TokenSource;
  private active: LiveTransport;
  private wanted = false;
  private closed = false;
  private probing = false;
  private probeTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly options: ConnectionOptions,
    private readonly fallback: CheckedFallbackOptions,
    private readonly hooks: TransportHooks,
    private readonly socket: SocketFactory,
  ) {
    this.order = fallback.order;
    this.listeners = new ListenerSet(hooks.report, 'a connection listener');
    this.source = { token: options.token, getToken: options.getToken };
    this.active = this.transport(this.order[0]!);
  }

  get connected(): boolean {
    return this.active.connected;
  }

  get kind(): TransportKind {
    return this.active.kind;
  }

  get failures(): number {
    return this.active.failures;
  }

  getSnapshot = (): ConnectionState => this.active.getSnapshot();

  subscribe = (listener: () => void): (() => void) => this.listeners.add(listener);

  connect(): void {
    if (this.closed)
      throw new LiveProgressClientError(
        'CLOSED',
        DEV ? 'connect() on a closed client: create a new LiveProgressClient' : seeDocs('CLOSED', 'client.md#errors'),
      );
    const { status } = this.active.getSnapshot();
    if (this.wanted && (status === 'connecting' || status === 'connected' || status === 'reconnecting')) return;
    this.wanted = true;
    // A fresh start begins again with the preferred transport.
    this.active = this.transport(this.order[0]!);
    this.active.connect();
  }

  disconnect(): void {
    if (this.closed) return;
    this.wanted = false;
    this.stopProbe();
    for (const transport of this.transports.values()) if (transport !== this.active) transport.disconnect();
    this.active.disconnect();
  }

  close(): void {
    if (this.closed) return;
    this.disconnect();
    this.closed = true;
    for (const transport of this.transports.values()) transport.close();
    this.listeners.clear();
  }

  /** Makes `token` the only token source of every transport, now and later. */
  async setToken(token: string): Promise<void> {
    if (this.closed)
      throw new LiveProgressClientError(
        'CLOSED',
        DEV ? 'setToken() on a closed client: create a new LiveProgressClient' : seeDocs('CLOSED', 'client.md#errors'),
      );
    this.source.token = token;
    this.source.getToken = undefined;
    for (const transport of this.transports.values()) {
      if (transport !== this.active) transport.setToken(token).catch((error: unknown) => this.hooks.report(error, `setToken on ${transport.kind}`));
    }
    await this.active.setToken(token);
  }

  request<E extends ClientRequest>(event: E, payload: RequestPayload<E>): Promise<AckSuccess<E>> {
    return this.active.request(event, payload);
  }

  /** The transport of that kind, created on first use: a client that never falls back never builds SSE or polling. */
  private transport(kind: TransportKind): LiveTransport {
    const existing = this.transports.get(kind);
    if (existing) return existing;
    const created = this.create(kind);
    created.subscribe(() => this.onState(created));
    this.transports.set(kind, created);
    return created;
  }

  private create(kind: TransportKind): LiveTransport {
    const hooks = this.gatedHooks(kind);
    // Later transports start from the token source as it is now (setToken may have replaced it).
    const options = { ...this.options, token: this.source.token, getToken: this.source.getToken };
    if (kind === 'socket') return this.socket(options, hooks);
    const deps: HttpTransportDeps = {
      api: new HttpApi({
        baseUrl: httpBaseUrl(this.options, this.fallback.http),
        prefix: this.fallback.http.prefix ?? DEFAULT_HTTP_PREFIX,
        roomEventsPath: this.fallback.http.roomEventsPath ?? DEFAULT_ROOM_EVENTS_PATH,
        source: { token: this.source.token, getToken: this.source.getToken },
        fetch: this.fallback.http.fetch,
        requestTimeoutMs: this.options.requestTimeoutMs ?? 10_000,
        refreshBeforeExpiryMs: this.options.refreshBeforeExpiryMs ?? 60_000,
      }),
      hooks,
      backoff: { ...DEFAULT_BACKOFF, enabled: true, ...this.options.reconnection },
      canRefreshToken: () => this.source.getToken !== undefined,
      roomEventsIdleMs: this.fallback.sseIdleTimeoutMs ?? 3 * Limits.SSE_HEARTBEAT_MS,
    };
    return kind === 'sse'
      ? new SseTransport(deps, { idleTimeoutMs: this.fallback.sseIdleTimeoutMs })
      : new PollingTransport(deps, { intervalMs: this.fallback.pollIntervalMs });
  }

  /** Only the active transport speaks to the store; the socket, while probed, only says that it is back. */
  private gatedHooks(kind: TransportKind): TransportHooks {
    const isActive = () => this.active.kind === kind;
    return {
      report: this.hooks.report,
      onConnected: () => {
        if (isActive()) this.hooks.onConnected();
        else if (kind === 'socket' && this.probing) this.returnToSocket();
      },
      onDisconnected: () => {
        if (isActive()) this.hooks.onDisconnected();
      },
      onServerEvent: (name, payload) => {
        if (isActive()) this.hooks.onServerEvent(name, payload);
      },
      onSnapshot: (snapshot) => {
        if (isActive()) this.hooks.onSnapshot(snapshot);
      },
      onOperationLost: (operationId, error) => {
        if (isActive()) this.hooks.onOperationLost(operationId, error);
      },
    };
  }

  private onState(transport: LiveTransport): void {
    if (this.closed) return;
    if (transport !== this.active) {
      if (transport.kind === 'socket' && this.probing) this.onProbeState(transport);
      return;
    }
    this.listeners.emit();
    const state = transport.getSnapshot();
    const next = this.order[this.order.indexOf(transport.kind) + 1];
    if (!next || !this.wanted) return;
    // Failed too often, or ran out of reconnection.maxAttempts first: try the next transport.
    // With reconnection off there are no automatic attempts at all, so no fallback either.
    const gaveUp = state.status === 'disconnected' && state.error !== null && this.options.reconnection?.enabled !== false;
    if (transport.failures >= this.fallback.afterFailures || (gaveUp && transport.failures > 0)) this.fallBackTo(this.transport(next));
  }

  private fallBackTo(next: LiveTransport): void {
    const previous = this.active;
    this.active = next;
    // No longer active, so its own disconnect reaches neither the store nor the listeners.
    previous.disconnect();
    this.hooks.onDisconnected();
    // Listeners hear of the switch with next's 'connecting', never with its idle state.
    next.connect();
    this.scheduleProbe();
  }

  private returnToSocket(): void {
    const socket = this.transports.get('socket');
    if (!socket || !this.wanted) return;
    this.probing = false;
    this.stopProbe();
    const previous = this.active;
    this.active = socket;
    previous.disconnect();
    this.listeners.emit();
    // Everything watched is re-subscribed on the socket with afterSeq: the socket replays what the fallback had not delivered.
    this.hooks.onDisconnected();
    this.hooks.onConnected();
  }

  private scheduleProbe(): void {
    if (!this.wanted || this.closed || this.probeTimer || this.fallback.socketProbeIntervalMs <= 0) return;
    if (this.order[0] !== 'socket' || this.active.kind === 'socket') return;
    this.probeTimer = setTimeout(() => {
      this.probeTimer = null;
      const socket = this.transports.get('socket');
      if (!socket || !this.wanted || this.active === socket) return;
      this.probing = true;
      socket.connect();
    }, this.fallback.socketProbeIntervalMs);
  }

  /** A probe that did not connect ends at its first failure; the next one comes after the interval. */
  private onProbeState(socket: LiveTransport): void {
    const { status } = socket.getSnapshot();
    if (status !== 'reconnecting' && status !== 'disconnected' && status !== 'unauthorized') return;
    this.probing = false;
    socket.disconnect();
    this.scheduleProbe();
  }

  private stopProbe(): void {
    if (this.probeTimer) clearTimeout(this.probeTimer);
    this.probeTimer = null;
    if (this.probing) {
      this.probing = false;
      this.transports.get('socket')?.disconnect();
    }
  }
}

function checkOrder(order: TransportKind[] | undefined): readonly TransportKind[] {
  if (order === undefined) return TRANSPORT_KINDS;
  const known = new Set<string>(TRANSPORT_KINDS);
  if (!Array.isArray(order) || order.length === 0 || order.some((kind) => !known.has(kind)) || new Set(order).size !== order.length) {
    throw new LiveProgressClientError(
      'CONFIG_INVALID',
      DEV
        ? `transportOrder must list 'socket', 'sse' and/or 'polling', each at most once, e.g. ['sse', 'polling']; got ${JSON.stringify(order)}`
        : seeDocs('CONFIG_INVALID', 'client.md#transports-and-fallback'),
    );
  }
  return Object.freeze([...order]);
}

function positive(value: number | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0)
    throw new LiveProgressClientError(
      'CONFIG_INVALID',
      DEV
        ? `${name} must be a positive number of ${name.endsWith('Ms') ? 'milliseconds' : 'failures'}; got ${value}`
        : seeDocs('CONFIG_INVALID', 'client.md#transports-and-fallback'),
    );
  return value;
}

/** The HTTP API's base: `http.url`, else the origin of the socket `url` (whose path is a Socket.IO namespace, not a base path). */
function httpBaseUrl(options: ConnectionOptions, http: HttpOptions): string {
  const explicit = http.url;
  if (explicit !== undefined) return explicit.replace(/\/+$/, '');
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  try {
    return new URL(options.url, base).origin;
  } catch {
    return options.url.replace(/\/+$/, '');
  }
}
