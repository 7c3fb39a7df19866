import type { Algorithm } from 'jsonwebtoken';
import type { ServerOptions } from 'socket.io';
import type { AuthUser } from './auth/auth-user.js';
import type { ResolveUser } from './auth/request-user.resolver.js';
import type { ResolvedRuntimeOptions, RuntimeOptions } from '@liveprogress/core';
import type { MetricsOptions, ResolvedMetricsOptions } from './metrics/metrics-options.js';

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

/** The module's options: the runtime's (`RuntimeOptions`: retention, coalescing, store, Redis, notifiers…) plus the server's own. */
export interface LiveProgressModuleOptions extends RuntimeOptions {
  auth: JwtOptions;
  /** Socket.IO CORS; the HTTP endpoints follow the Nest app's own CORS settings. */
  cors?: ServerOptions['cors'];
  /** Socket.IO path; default `/socket.io`. */
  socketPath?: string;
  /**
   * Who made an HTTP request, for apps whose authentication leaves the user somewhere other
   * than `req.user` with `id`/`sub` and the tenant claim (docs/nest.md, Authentication).
   * Return `{ userId, tenantId, roles? }`, or nothing when the request has no user.
   */
  resolveUser?: ResolveUser;
  /** Application rooms to join for a verified user, e.g. `platform.admin.global` for admins. */
  roomPolicy?: (user: AuthUser) => string[] | Promise<string[]>;
  /** Roles that see every operation of their own tenant; default `['admin']`. */
  adminRoles?: string[];
  rateLimit?: {
    /** Per socket; default 50 requests a second. */
    socket?: RateLimitOptions;
    /** Per user on the HTTP endpoints; default 20 requests a second. */
    http?: RateLimitOptions;
    /**
     * Socket connection attempts (handshakes), refused with `rate_limited` before the token
     * is verified; kept in Redis in Redis mode, so the limits hold across nodes.
     */
    handshake?: {
      /** Per user (tenant and `sub`); default 20 per 10 s. */
      perUser?: RateLimitOptions;
      /** Per client address as the server sees it (a proxy's, behind one); default 60 per 10 s. */
      perAddress?: RateLimitOptions;
    };
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
  /** Tokens that producers outside the app (workers in any language) send to `POST {prefix}/:id/events`; none by default, which turns the endpoint off. */
  ingestTokens?: string[];
  /** Prometheus metrics through `prom-client` (an optional peer: install it to turn them on); off by default (docs/operations.md, Metrics). */
  metrics?: MetricsOptions;
}

/** Options with every default filled in; what the providers read. */
export interface ResolvedOptions extends ResolvedRuntimeOptions {
  auth: Required<Pick<JwtOptions, 'algorithms' | 'tenantClaim' | 'clockToleranceSeconds' | 'allowQueryToken'>> &
    Pick<JwtOptions, 'issuer' | 'audience'> & { key: string | Buffer };
  cors: ServerOptions['cors'] | undefined;
  socketPath: string;
  roomPolicy: ((user: AuthUser) => string[] | Promise<string[]>) | undefined;
  resolveUser: ResolveUser | undefined;
  adminRoles: string[];
  rateLimit: {
    socket: RateLimitOptions;
    http: RateLimitOptions;
    handshake: { perUser: RateLimitOptions; perAddress: RateLimitOptions };
  };
  slowConsumer: { maxBufferedBytes: number; maxBufferedPackets: number; checkIntervalMs: number };
  sseHeartbeatMs: number;
  ingestTokens: string[];
  metrics: ResolvedMetricsOptions;
}
