import { Logger, Module } from '@nestjs/common';
import { APP_INTERCEPTOR, DiscoveryModule } from '@nestjs/core';
import { StoreErrorsInterceptor } from './http/store-errors.interceptor.js';
import {
  type Metrics,
  OperationEvents,
  OperationLifecycle,
  type OperationStore,
  RedisConnection,
  SocketIoBroadcaster,
  noopMetrics,
  openStore,
} from '@liveprogress/core';
import { LifecycleHooksExplorer } from './lifecycle/lifecycle-hooks.explorer.js';
import { LiveProgressAuthGuard } from './auth/http-auth.guard.js';
import { IngestTokenGuard } from './auth/ingest-token.guard.js';
import { JwtVerifier } from './auth/jwt-verifier.js';
import { RequestUserContextInterceptor } from './auth/request-user-context.interceptor.js';
import { RequestUserContext } from './auth/request-user.context.js';
import { LiveProgressGateway } from './gateway/live-progress.gateway.js';
import { ConfigurableModuleClass, LIVE_PROGRESS_OPTIONS } from './live-progress.module-definition.js';
import { LIVE_PROGRESS_METRICS, OPERATION_STORE, RESOLVED_OPTIONS } from './live-progress.tokens.js';
import { PrometheusMetrics } from './metrics/prometheus-metrics.js';
import { LiveProgressHealthIndicator } from './health/store-health.indicator.js';
import type { LiveProgressModuleOptions, ResolvedOptions } from './live-progress.options.js';
import { OperationsService } from './operations/operations.service.js';
import { RoomEvents } from './events/room-events.js';
import { resolveOptions } from './resolve-options.js';
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
      useFactory: (options: ResolvedOptions) => (options.redis ? RedisConnection.open(options.redis, options.producerLeaseMs) : RedisConnection.none()),
      inject: [RESOLVED_OPTIONS],
    },
    {
      provide: OPERATION_STORE,
      useFactory: (options: ResolvedOptions, redis: RedisConnection) => openStore(options, redis),
      inject: [RESOLVED_OPTIONS, RedisConnection],
    },
    {
      provide: LIVE_PROGRESS_METRICS,
      useFactory: (options: ResolvedOptions): Metrics | Promise<Metrics> => (options.metrics.enabled ? PrometheusMetrics.create(options.metrics) : noopMetrics),
      inject: [RESOLVED_OPTIONS],
    },
    // The core's parts, made here so Nest injects them (OperationsService closes them at shutdown).
    { provide: SocketIoBroadcaster, useFactory: () => new SocketIoBroadcaster() },
    {
      provide: OperationEvents,
      useFactory: (broadcaster: SocketIoBroadcaster, store: OperationStore, metrics: Metrics) =>
        new OperationEvents(broadcaster, store, new Logger('LiveProgressEvents'), metrics),
      inject: [SocketIoBroadcaster, OPERATION_STORE, LIVE_PROGRESS_METRICS],
    },
    {
      provide: OperationLifecycle,
      useFactory: (options: ResolvedOptions) => new OperationLifecycle(options.notifiers, new Logger('LiveProgressLifecycle')),
      inject: [RESOLVED_OPTIONS],
    },
    JwtVerifier,
    RequestUserContext,
    { provide: APP_INTERCEPTOR, useClass: RequestUserContextInterceptor },
    { provide: APP_INTERCEPTOR, useClass: StoreErrorsInterceptor },
    LiveProgressAuthGuard,
    IngestTokenGuard,
    LifecycleHooksExplorer,
    OperationsService,
    RoomEvents,
    WebSocketService,
    LiveProgressGateway,
    LiveProgressHealthIndicator,
  ],
  exports: [
    RESOLVED_OPTIONS,
    OPERATION_STORE,
    LIVE_PROGRESS_METRICS,
    JwtVerifier,
    RequestUserContext,
    LiveProgressAuthGuard,
    OperationEvents,
    OperationLifecycle,
    OperationsService,
    RoomEvents,
    WebSocketService,
    LiveProgressHealthIndicator,
  ],
})
export class LiveProgressModule extends ConfigurableModuleClass {}

export type { LiveProgressModuleOptions };
