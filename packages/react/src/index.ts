'use client';
// Every export holds hooks or context, so the whole entry is a client module for the Next.js App Router.

export { WebSocketProvider } from './websocket-provider.js';
export type { WebSocketProviderProps, ProviderClientOptions } from './websocket-provider.js';
export { useWebSocket } from './use-websocket.js';
export type { WebSocketContextValue } from './use-websocket.js';
export { useOperation } from './use-operation.js';
export type { UseOperationOptions, UseOperationResult, ContractSnapshot, UseContractOperationResult } from './use-operation.js';
// Contracts are defined once, with @liveprogress/protocol's defineOperation (docs/typed-operations.md); re-exported for apps that import only this package.
export { defineOperation, typeOnly } from '@liveprogress/protocol';
export type { OperationContract, AnyOperationContract, ContractStage, ContractDetails, ContractResult } from '@liveprogress/protocol';
export { useLiveOperation } from './use-live-operation.js';
export type { OperationConfig, LiveOperationState, LiveOperationActions, LiveOperationStatus } from './operation-config.js';
export { useOperations } from './use-operations.js';
export type { UseOperationsOptions, UseOperationsResult } from './use-operations.js';
export { ProgressTracker } from './progress-tracker.js';
export type { ProgressConfig, ProgressStage, ProgressTrackerProps } from './progress-tracker.js';
export { OperationDialog } from './operation-dialog.js';
export type { OperationDialogProps } from './operation-dialog.js';
export type { OperationProgress } from './operation-progress.js';
// The protocol's task types, which appear in `useOperation().tasks` and `OperationProgress`.
export type { TaskSnapshot, TaskStatus } from '@liveprogress/protocol';
export type { StartOperationData } from './operation-request.js';
export type { ToastEvent } from './toasts.js';
export { OperationFailedError, OperationRequestError } from './errors.js';
export { stageStates } from './stage-states.js';
export type { StageState, StageView } from './stage-states.js';
// How a task row reads once its operation has ended (a cancelled batch's unfinished items are cancelled or skipped, not "Waiting").
export { taskView, TASK_STATE_LABEL } from './task-states.js';
export type { TaskState, TaskView } from './task-states.js';
export { OPERATION_STATUS_LABEL } from './status-labels.js';
export { formatRelativeTime } from './format-relative-time.js';
export { detailLabel } from './detail-label.js';
export { unavailableMessage } from './unavailable-message.js';
// The client's types that appear in this package's API, so apps need not import the client for them.
export { LiveProgressClient, LiveProgressClientError } from '@liveprogress/client';
export type { ActiveSubscriptions, ConnectionState, ConnectionStatus, OperationState, SubscriptionStatus } from '@liveprogress/client';
