/** The demo API's settings, read once from the environment (docs/protocol.md, The demo API). */
export interface ApiConfig {
  port: number;
  host: string;
  jwtSecret: string;
  production: boolean;
  corsOrigins: string[] | true;
  /** Redis-backed mode (several API processes behind a load balancer) when set. */
  redisUrl: string | undefined;
  /** Producer tokens for `POST /api/v1/operations/:id/events`; empty turns it off. */
  ingestTokens: string[];
  /** Producer lease in Redis mode (ms); the module's default when unset. */
  producerLeaseMs: number | undefined;
  /** A running operation silent this long (ms) is failed STALLED; the module's default (10 minutes) when unset. */
  staleAfterMs: number | undefined;
  /** Prometheus metrics at `/metrics`; on unless `METRICS=off`. */
  metrics: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const production = env.NODE_ENV === 'production';
  const jwtSecret = env.JWT_SECRET ?? (production ? '' : 'liveprogress-demo-secret-change-me');
  if (!jwtSecret) throw new Error('JWT_SECRET is not set: the demo API refuses to start in production without one');
  const port = Number(env.PORT ?? 3001);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number, got "${env.PORT}"`);
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    jwtSecret,
    production,
    corsOrigins: env.CORS_ORIGINS ? env.CORS_ORIGINS.split(',').map((o) => o.trim()) : true,
    redisUrl: env.REDIS_URL || undefined,
    producerLeaseMs: env.PRODUCER_LEASE_MS ? Number(env.PRODUCER_LEASE_MS) : undefined,
    staleAfterMs: env.STALE_AFTER_MS ? Number(env.STALE_AFTER_MS) : undefined,
    metrics: env.METRICS !== 'off',
    ingestTokens: env.INGEST_TOKENS
      ? env.INGEST_TOKENS.split(',')
          .map((t) => t.trim())
          .filter(Boolean)
      : [],
  };
}

export const API_CONFIG = Symbol('API_CONFIG');
