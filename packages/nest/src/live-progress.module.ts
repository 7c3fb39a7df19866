import { Module } from '@nestjs/common';
import { APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { LifecycleHooksExplorer } from './lifecycle/lifecycle-hooks.explorer.js';
import { OperationLifecycle } from './lifecycle/operation-lifecycle.js';
import { LiveProgressAuthGuard } from './auth/http-auth.guard.js';
import { IngestTokenGuard } from './auth/ingest-token.guard.js';
import { JwtVerifier } from './auth/jwt-verifier.js';
import { RequestUserContextInterceptor } from './auth/request-user-context.interceptor.js';
import { RequestUserContext } from './auth/request-user.context.js';
import { LiveProgressGateway } from './gateway/live-progress.gateway.js';
import { SocketServerRef } from './gateway/socket-server.ref.js';
import { ConfigurableModuleClass, LIVE_PROGRESS_OPTIONS } from './live-progress.module-definition.js';
import { RESOLVED_OPTIONS } from './live-progress.tokens.js';
import type { LiveProgressModuleOptions, ResolvedOptions } from './live-progress.options.js';
import { OperationEvents } from './operations/operation-events.js';
import { OperationsService } from './operations/operations.service.js';
import { resolveOptions } from './resolve-options.js';
import { RedisConnection } from './redis/redis-connection.js';
import { RedisOperationStore } from './redis/redis-operation.store.js';
import { MemoryOperationStore } from './store/memory-operation.store.js';
import { OPERATION_STORE } from './store/operation-store.interface.js';
import { WebSocketService } from './websocket/websocket.service.js';

/**
 * Live progress for a Nest app: `LiveProgressModule.forRoot({ auth: { secret } })`
 * (or `forRootAsync`) adds the Socket.IO gateway, the HTTP/SSE endpoints, and the
 * OperationsService / WebSocketService that application code injects.
 */
@Module({
  imports: [DiscoveryModule],
  providers: [
    { provide: RESOLVED_OPTIONS, useFactory: resolveOptions, inject: [LIVE_PROGRESS_OPTIONS] },
    {
      provide: RedisConnection,
      useFactory: (options: ResolvedOptions) => (options.redis ? RedisConnection.open(options.redis) : RedisConnection.none()),
      inject: [RESOLVED_OPTIONS],
    },
    {
      provide: OPERATION_STORE,
      useFactory: (options: ResolvedOptions, redis: RedisConnection) => {
        const limits = { maxEvents: options.retention.maxEvents, terminalRetentionMs: options.retention.terminalMs };
        if (options.store) return options.store;
        if (redis.client) {
          return new RedisOperationStore({ redis: redis.client, ...limits, broadcast: true, ...(options.redis?.keyPrefix ? { keyPrefix: options.redis.keyPrefix } : {}) });
        }
        return new MemoryOperationStore(limits);
      },
      inject: [RESOLVED_OPTIONS, RedisConnection],
    },
    JwtVerifier,
    RequestUserContext,
    { provide: APP_INTERCEPTOR, useClass: RequestUserContextInterceptor },
    LiveProgressAuthGuard,
    IngestTokenGuard,
    SocketServerRef,
    OperationEvents,
    OperationLifecycle,
    LifecycleHooksExplorer,
    OperationsService,
    WebSocketService,
    LiveProgressGateway,
  ],
  exports: [
    RESOLVED_OPTIONS,
    OPERATION_STORE,
    JwtVerifier,
    RequestUserContext,
    LiveProgressAuthGuard,
    OperationEvents,
    OperationLifecycle,
    OperationsService,
    WebSocketService,
  ],
})
export class LiveProgressModule extends ConfigurableModuleClass {}

export type { LiveProgressModuleOptions };
