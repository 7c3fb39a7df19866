// @liveprogress/core: the framework-free runtime. The Nest module (@liveprogress/nest) is a
// thin adapter over it; a worker process publishes with this package (and ioredis) alone.
export {
  LiveProgressError,
  LiveProgressConfigError,
  InvalidOperationInputError,
  OperationEndedError,
  StoreUnavailableError,
  StoreFullError,
} from './errors.js';
export type { Logger } from './logger.js';
export { consoleLogger } from './logger.js';
export { ReportedOnce } from './reported-once.js';
export { OutageLog } from './outage-log.js';
export { resolveRuntimeOptions, positiveOption } from './runtime-options.js';
export type { RuntimeOptions, ResolvedRuntimeOptions } from './runtime-options.js';

export { MetricCatalogue } from './metrics/metric-catalogue.js';
export type { MetricDefinition, MetricName, CounterName, GaugeName, HistogramName, MetricLabels } from './metrics/metric-catalogue.js';
export { noopMetrics } from './metrics/metrics.js';
export type { Metrics } from './metrics/metrics.js';

export { OperationHandle, OperationCancelledError } from './operations/operation-handle.js';
export type { TaskFailurePolicy } from './operations/operation-handle.js';
export type { Operation, StageReporter, TaskReporter } from './operations/operation.js';
export { TaskHandle } from './operations/task-handle.js';
export { NoopOperation } from './operations/noop-operation.js';
export { currentOperation, runWithOperation } from './operations/operation-context.js';
export type { StageInput } from './operations/stage-plan.js';
export type { OperationUpdate, OperationFailure } from './operations/operation-update.js';
export type { StartOperationInput } from './operations/start-operation-input.js';
export { bindContract, contractStartInput, startFromContract } from './operations/contract-operation.js';
export type { ContractOperation, ContractStartInput, ContractUpdate, ContractStageReporter } from './operations/contract-operation.js';
export { OperationRuntime } from './operations/operation-runtime.js';
export { OperationTracer, activeTraceparent } from './tracing/operation-tracer.js';
export type { LocalCancelOutcome } from './operations/operation-runtime.js';
export { OperationEvents } from './operations/operation-events.js';
export type { OperationEventListener } from './operations/operation-events.js';
export { canDelete, canSee, isAdmin } from './operations/visibility.js';
export type { Viewer } from './operations/visibility.js';

export { OperationLifecycle } from './lifecycle/operation-lifecycle.js';
export type { LifecycleHandler } from './lifecycle/operation-lifecycle.js';
export type { LifecycleStatus } from './lifecycle/lifecycle-status.js';
export type { ContractLifecycleEvent, ContractLifecycleHandler, ContractLifecycleSnapshot } from './lifecycle/contract-lifecycle.js';

export type {
  OperationStore,
  EventInput,
  SnapshotPatch,
  AppendResult,
  AppendOptions,
  AppendConflict,
  StoredOperation,
  EventsAfter,
  ListFilter,
  DeleteOutcome,
} from './store/operation-store.js';
export type { ProducerLeases } from './store/producer-leases.js';
export type { StoreProbe } from './store/store-probe.js';
export type { EventRelay } from './store/event-relay.js';
export type { AttemptLimiter, TokenBucketLimit } from './store/attempt-limiter.js';
export { MemoryOperationStore } from './store/memory-operation.store.js';
export type { MemoryStoreOptions } from './store/memory-operation.store.js';
export { openStore } from './store/open-store.js';
export { withDeadline } from './store/with-deadline.js';

export { RedisOperationStore } from './redis/redis-operation.store.js';
export type { RedisStoreOptions } from './redis/redis-operation.store.js';
export { RedisConnection } from './redis/redis-connection.js';
export type { RedisOptions, SentinelSetup } from './redis/redis-connection.js';
export { parseSentinelUrl } from './redis/sentinel-url.js';

export type { Broadcaster, BroadcastEvent, BroadcastPayload } from './coordination/broadcaster.js';
export type { LiveServer } from './coordination/live-server.js';
export { SocketIoBroadcaster } from './coordination/socket-io-broadcaster.js';
export { Coordinator } from './coordination/coordinator.js';
export type { CoordinatorParts, CoordinatedCancelOutcome, CoordinatedDeleteOutcome } from './coordination/coordinator.js';

export { LiveProgressPublisher } from './publisher/live-progress-publisher.js';
export type { PublisherOptions } from './publisher/live-progress-publisher.js';
export { bridgeBullMQWorker } from './publisher/bullmq-bridge.js';
export type { BullMQBridgeOptions, BridgedJob, BridgedWorker } from './publisher/bullmq-bridge.js';

export type { Notifier, OperationNotice } from './notifiers/notifier.interface.js';
export { WebhookNotifier } from './notifiers/webhook.notifier.js';
export type { WebhookNotifierOptions, WebhookStats } from './notifiers/webhook.notifier.js';
export { signWebhook, verifyWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './notifiers/webhook-signature.js';
