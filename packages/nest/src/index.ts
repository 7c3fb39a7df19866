export { LiveProgressModule } from './live-progress.module.js';
export { LIVE_PROGRESS_OPTIONS } from './live-progress.module-definition.js';
export { RESOLVED_OPTIONS } from './live-progress.tokens.js';
export type { LiveProgressModuleExtras } from './live-progress.module-definition.js';
export type { LiveProgressModuleOptions, JwtOptions, RateLimitOptions, ResolvedOptions } from './live-progress.options.js';
export { LiveProgressError, LiveProgressConfigError, InvalidOperationInputError, UnknownOperationError } from './errors.js';
export type { AuthUser } from './auth/auth-user.js';
export { AuthRefusal } from './auth/auth-refusal.js';
export { JwtVerifier } from './auth/jwt-verifier.js';
export { LiveProgressAuthGuard } from './auth/http-auth.guard.js';
export { RequestUserContext } from './auth/request-user.context.js';
export { AllowQueryToken } from './auth/allow-query-token.decorator.js';
export { requestUser, REQUEST_USER_KEY } from './auth/http-user.js';
export type { RequestWithUser } from './auth/http-user.js';
export { OperationsService } from './operations/operations.service.js';
export type { CancelOutcome } from './operations/operations.service.js';
export { OperationHandle, OperationCancelledError } from './operations/operation-handle.js';
export type { TaskFailurePolicy } from './operations/operation-handle.js';
export type { Operation, StageReporter, TaskReporter } from './operations/operation.js';
export { TaskHandle } from './operations/task-handle.js';
export { NoopOperation } from './operations/noop-operation.js';
export { currentOperation, runWithOperation } from './operations/operation-context.js';
export type { StageInput } from './operations/stage-plan.js';
export { OperationLifecycle } from './lifecycle/operation-lifecycle.js';
export type { LifecycleHandler } from './lifecycle/operation-lifecycle.js';
export type { LifecycleStatus } from './lifecycle/lifecycle-status.js';
export { OnOperationCompleted, OnOperationFailed, OnOperationCancelled, OnOperationProgress } from './lifecycle/lifecycle.decorators.js';
export type { Notifier, OperationNotice } from './notifiers/notifier.interface.js';
export { WebhookNotifier } from './notifiers/webhook.notifier.js';
export type { WebhookNotifierOptions, WebhookStats } from './notifiers/webhook.notifier.js';
export { signWebhook, verifyWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from './notifiers/webhook-signature.js';
export type { OperationUpdate, OperationFailure } from './operations/operation-update.js';
export type { StartOperationInput } from './operations/start-operation-input.js';
export { OperationEvents } from './operations/operation-events.js';
export { canSee } from './operations/visibility.js';
export { WebSocketService } from './websocket/websocket.service.js';
export type { ProgressUpdateInput } from './websocket/websocket.service.js';
export type { Audience } from './websocket/audience.js';
export { OPERATION_STORE } from './store/operation-store.interface.js';
export type {
  OperationStore,
  EventInput,
  SnapshotPatch,
  AppendResult,
  EventsAfter,
  ListFilter,
} from './store/operation-store.interface.js';
export { MemoryOperationStore } from './store/memory-operation.store.js';
export type { MemoryStoreOptions } from './store/memory-operation.store.js';
export { LiveProgressHttpException } from './http/live-progress-http.exception.js';
