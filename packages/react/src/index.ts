'use client';
// Every export holds hooks or context, so the whole entry is a client module for the Next.js App Router.

export { WebSocketProvider } from './websocket-provider.js';
export type { WebSocketProviderProps, ProviderClientOptions } from './websocket-provider.js';
export { useWebSocket } from './use-websocket.js';
export type { WebSocketContextValue } from './use-websocket.js';
export { useOperation } from './use-operation.js';
export type { UseOperationOptions, UseOperationResult } from './use-operation.js';
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
// The client's types that appear in this package's API, so apps need not import the client for them.
export { LiveProgressClient, LiveProgressClientError } from '@liveprogress/client';
export type { ActiveSubscriptions, ConnectionState, ConnectionStatus, OperationState, SubscriptionStatus } from '@liveprogress/client';
