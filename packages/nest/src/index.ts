// @liveprogress/nest: the Nest adapter. The runtime it wires lives in @liveprogress/core and
// is re-exported here, so apps written against this package keep importing from one place.
export { LiveProgressModule } from './live-progress.module.js';
export { LIVE_PROGRESS_OPTIONS } from './live-progress.module-definition.js';
export { LIVE_PROGRESS_METRICS, OPERATION_STORE, RESOLVED_OPTIONS } from './live-progress.tokens.js';
export { PrometheusMetrics } from './metrics/prometheus-metrics.js';
export { createMetricsController } from './metrics/metrics.controller.js';
export type { MetricsOptions, MetricsRegistry } from './metrics/metrics-options.js';
export { LiveProgressHealthIndicator } from './health/store-health.indicator.js';
export type { StoreHealthResult, StoreHealthCheckOptions } from './health/store-health.indicator.js';
export type { LiveProgressModuleExtras } from './live-progress.module-definition.js';
export type { LiveProgressModuleOptions, JwtOptions, RateLimitOptions, ResolvedOptions } from './live-progress.options.js';
export { UnknownOperationError } from './websocket/unknown-operation.error.js';
export type { AuthUser } from './auth/auth-user.js';
export { AuthRefusal } from './auth/auth-refusal.js';
export { JwtVerifier } from './auth/jwt-verifier.js';
export { LiveProgressAuthGuard } from './auth/http-auth.guard.js';
export { RequestUserContext } from './auth/request-user.context.js';
export { RequestUserContextInterceptor } from './auth/request-user-context.interceptor.js';
export { userFromRequest } from './auth/request-user.resolver.js';
export type { ResolveUser, ResolvedRequestUser, RequestUserResolution } from './auth/request-user.resolver.js';
export { AllowQueryToken } from './auth/allow-query-token.decorator.js';
export { requestUser, REQUEST_USER_KEY } from './auth/http-user.js';
export type { RequestWithUser } from './auth/http-user.js';
export { OperationsService } from './operations/operations.service.js';
export type { CancelOutcome, DeleteOutcome } from './operations/operations.service.js';
export { OnOperationCompleted, OnOperationFailed, OnOperationCancelled, OnOperationProgress } from './lifecycle/lifecycle.decorators.js';
export type { TypedHookDecorator } from './lifecycle/lifecycle.decorators.js';
export { WebSocketService } from './websocket/websocket.service.js';
export { RoomEvents } from './events/room-events.js';
export type { RoomEventListener } from './events/room-events.js';
export { DEFAULT_ROOM_EVENTS_PATH } from './live-progress.module-definition.js';
export type { ProgressUpdateInput } from './websocket/websocket.service.js';
export type { Audience } from './websocket/audience.js';
export { LiveProgressHttpException } from './http/live-progress-http.exception.js';

export {
  LiveProgressError,
  LiveProgressConfigError,
  InvalidOperationInputError,
  OperationEndedError,
  OperationHandle,
  OperationCancelledError,
  TaskHandle,
  NoopOperation,
  currentOperation,
  runWithOperation,
  OperationLifecycle,
  WebhookNotifier,
  signWebhook,
  verifyWebhook,
  SIGNATURE_HEADER,
  TIMESTAMP_HEADER,
  OperationEvents,
  canSee,
  MemoryOperationStore,
  RedisOperationStore,
  MetricCatalogue,
  noopMetrics,
} from '@liveprogress/core';
export type {
  TaskFailurePolicy,
  Operation,
  StageReporter,
  TaskReporter,
  StageInput,
  LifecycleHandler,
  LifecycleStatus,
  ContractLifecycleEvent,
  ContractLifecycleHandler,
  ContractLifecycleSnapshot,
  Notifier,
  OperationNotice,
  WebhookNotifierOptions,
  WebhookStats,
  OperationUpdate,
  OperationFailure,
  StartOperationInput,
  OperationStore,
  EventInput,
  SnapshotPatch,
  AppendResult,
  EventsAfter,
  ListFilter,
  MemoryStoreOptions,
  AttemptLimiter,
  TokenBucketLimit,
  RedisOptions,
  SentinelSetup,
  ContractOperation,
  ContractStartInput,
  ContractUpdate,
  ContractStageReporter,
  Metrics,
  MetricName,
  StoreProbe,
} from '@liveprogress/core';
