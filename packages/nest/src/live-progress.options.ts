import type { Algorithm } from 'jsonwebtoken';
import type { ServerOptions } from 'socket.io';
import type { AuthUser } from './auth/auth-user.js';
import type { Notifier } from './notifiers/notifier.interface.js';
import type { RedisOptions } from './redis/redis-connection.js';
import type { OperationStore } from './store/operation-store.interface.js';

export interface JwtOptions {
  /** Shared secret for HS* algorithms. */
  secret?: string;
  /** PEM public key for RS*, ES* or PS* algorithms. */
  publicKey?: string | Buffer;
  /** Allow-list; default `['HS256']` with a secret, `['RS256']` with a public key. `none` is refused. */
  algorithms?: Algorithm[];
  issuer?: string | string[];
  audience?: string | string[];
  /** Claim holding the tenant id; default `tenantId`. */
  tenantClaim?: string;
  /** Seconds of clock skew tolerated; default 5. */
  clockToleranceSeconds?: number;
  /** Accept `?token=` on the socket handshake; off by default because URLs end up in logs. */
  allowQueryToken?: boolean;
}

export interface RateLimitOptions {
  /** Requests allowed per window (the bucket's size). */
  points: number;
  /** Window in milliseconds over which `points` refill. */
  durationMs: number;
}

export interface LiveProgressModuleOptions {
  auth: JwtOptions;
  /** Socket.IO CORS; the HTTP endpoints follow the Nest app's own CORS settings. */
  cors?: ServerOptions['cors'];
  /** Socket.IO path; default `/socket.io`. */
  socketPath?: string;
  /** Application rooms to join for a verified user, e.g. `platform.admin.global` for admins. */
  roomPolicy?: (user: AuthUser) => string[] | Promise<string[]>;
  /** Roles that see every operation of their own tenant; default `['admin']`. */
  adminRoles?: string[];
  retention?: {
    /** How long a finished operation is kept; default 24 h. */
    terminalMs?: number;
    /** Events kept per operation; default 1000. */
    maxEvents?: number;
  };
  /** At most one stored `progress.updated` per operation per interval; default 100 ms. */
  coalesceIntervalMs?: number;
  rateLimit?: {
    /** Per socket; default 50 requests a second. */
    socket?: RateLimitOptions;
    /** Per user on the HTTP endpoints; default 20 requests a second. */
    http?: RateLimitOptions;
  };
  slowConsumer?: {
    /** Disconnect a socket whose unsent output passes this many bytes; default 1 MB. */
    maxBufferedBytes?: number;
    /** ... or this many packets; default 1000. */
    maxBufferedPackets?: number;
    /** How often outbound buffers are checked; default 250 ms. */
    checkIntervalMs?: number;
  };
  /** SSE comment heartbeat; default 15 s. */
  sseHeartbeatMs?: number;
  /** Replace the in-memory store (e.g. with a Redis one). */
  store?: OperationStore;
  /** How long a cancel waits for the work to stop before it is reported as not cancellable; default 10 s. */
  cancelTimeoutMs?: number;
  /** Outside systems told about lifecycle events, e.g. `new WebhookNotifier({ url, secret })`. */
  notifiers?: Notifier[];
  /**
   * Scale out on Redis: operations and their events in Redis, broadcasts through the
   * Socket.IO Redis streams adapter, producer leases. Needs `ioredis` and `@socket.io/redis-streams-adapter`.
   */
  redis?: RedisOptions;
  /** A running operation whose producer reports nothing for this long is failed with PRODUCER_LOST (Redis mode); default 60 s. */
  producerLeaseMs?: number;
  /** Tokens that producers outside the app (workers in any language) send to `POST {prefix}/:id/events`; none by default, which turns the endpoint off. */
  ingestTokens?: string[];
}

/** Options with every default filled in; what the providers read. */
export interface ResolvedOptions {
  auth: Required<Pick<JwtOptions, 'algorithms' | 'tenantClaim' | 'clockToleranceSeconds' | 'allowQueryToken'>> &
    Pick<JwtOptions, 'issuer' | 'audience'> & { key: string | Buffer };
  cors: ServerOptions['cors'] | undefined;
  socketPath: string;
  roomPolicy: ((user: AuthUser) => string[] | Promise<string[]>) | undefined;
  adminRoles: string[];
  retention: { terminalMs: number; maxEvents: number };
  coalesceIntervalMs: number;
  rateLimit: { socket: RateLimitOptions; http: RateLimitOptions };
  slowConsumer: { maxBufferedBytes: number; maxBufferedPackets: number; checkIntervalMs: number };
  sseHeartbeatMs: number;
  store: OperationStore | undefined;
  cancelTimeoutMs: number;
  notifiers: Notifier[];
  redis: RedisOptions | undefined;
  producerLeaseMs: number;
  ingestTokens: string[];
}
