import { LiveProgressConfigError, positiveOption as positive, resolveRuntimeOptions } from '@liveprogress/core';
import { Limits } from '@liveprogress/protocol';
import type { LiveProgressModuleOptions, ResolvedOptions } from './live-progress.options.js';
import { resolveMetricsOptions } from './metrics/metrics-options.js';

/** Fills in defaults and refuses configurations that would be unsafe, at start-up rather than at the first request. */
export function resolveOptions(options: LiveProgressModuleOptions): ResolvedOptions {
  const auth = options?.auth;
  if (!auth) throw new LiveProgressConfigError('LiveProgressModule needs `auth`: pass `auth: { secret }` (or `publicKey`) to forRoot');
  const key = auth.publicKey ?? auth.secret;
  if (!key || (typeof key === 'string' && key.length === 0)) {
    throw new LiveProgressConfigError('No JWT key: pass `auth.secret` (HS256) or `auth.publicKey` (RS256/ES256) to LiveProgressModule.forRoot');
  }
  const algorithms = auth.algorithms ?? (auth.publicKey ? ['RS256'] : ['HS256']);
  if (algorithms.length === 0 || algorithms.some((a) => (a as string).toLowerCase() === 'none')) {
    throw new LiveProgressConfigError('`auth.algorithms` must list real algorithms; `none` is never accepted');
  }
  if (!auth.publicKey && algorithms.some((a) => !a.startsWith('HS'))) {
    throw new LiveProgressConfigError(`${algorithms.join(', ')} need \`auth.publicKey\` (a PEM public key), not a secret`);
  }
  if (auth.publicKey && algorithms.some((a) => a.startsWith('HS'))) {
    throw new LiveProgressConfigError('HS* algorithms need `auth.secret`, not a public key (that would let anyone forge tokens)');
  }
  return {
    ...resolveRuntimeOptions(options),
    auth: {
      key,
      algorithms,
      issuer: auth.issuer,
      audience: auth.audience,
      tenantClaim: auth.tenantClaim ?? 'tenantId',
      clockToleranceSeconds: auth.clockToleranceSeconds ?? 5,
      allowQueryToken: auth.allowQueryToken ?? false,
    },
    cors: options.cors,
    socketPath: options.socketPath ?? '/socket.io',
    roomPolicy: options.roomPolicy,
    resolveUser: options.resolveUser,
    adminRoles: options.adminRoles ?? ['admin'],
    rateLimit: {
      socket: {
        points: positive('rateLimit.socket.points', options.rateLimit?.socket?.points, 50),
        durationMs: positive('rateLimit.socket.durationMs', options.rateLimit?.socket?.durationMs, 1000),
      },
      http: {
        points: positive('rateLimit.http.points', options.rateLimit?.http?.points, 20),
        durationMs: positive('rateLimit.http.durationMs', options.rateLimit?.http?.durationMs, 1000),
      },
      handshake: {
        perUser: {
          points: positive('rateLimit.handshake.perUser.points', options.rateLimit?.handshake?.perUser?.points, 20),
          durationMs: positive('rateLimit.handshake.perUser.durationMs', options.rateLimit?.handshake?.perUser?.durationMs, 10_000),
        },
        perAddress: {
          points: positive('rateLimit.handshake.perAddress.points', options.rateLimit?.handshake?.perAddress?.points, 60),
          durationMs: positive('rateLimit.handshake.perAddress.durationMs', options.rateLimit?.handshake?.perAddress?.durationMs, 10_000),
        },
      },
    },
    slowConsumer: {
      maxBufferedBytes: positive('slowConsumer.maxBufferedBytes', options.slowConsumer?.maxBufferedBytes, 1_000_000),
      maxBufferedPackets: positive('slowConsumer.maxBufferedPackets', options.slowConsumer?.maxBufferedPackets, 1000),
      checkIntervalMs: positive('slowConsumer.checkIntervalMs', options.slowConsumer?.checkIntervalMs, 250),
    },
    sseHeartbeatMs: positive('sseHeartbeatMs', options.sseHeartbeatMs, Limits.SSE_HEARTBEAT_MS),
    ingestTokens: checkIngestTokens(options.ingestTokens),
    metrics: resolveMetricsOptions(options.metrics),
  };
}

function checkIngestTokens(tokens: string[] | undefined): string[] {
  for (const token of tokens ?? []) {
    if (typeof token !== 'string' || token.length < 16) {
      throw new LiveProgressConfigError('ingestTokens must be strings of at least 16 characters (they are bearer secrets)');
    }
  }
  return tokens ?? [];
}
