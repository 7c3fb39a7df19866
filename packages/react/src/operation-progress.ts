import { stepOf, type OperationSnapshot, type OperationStatus, type ProgressUpdatedPayload, type TaskSnapshot } from '@liveprogress/protocol';
import { taskCountsOf } from './task-list.js';

/**
 * The latest progress of an operation, in the `ProgressEvent` shape of docs/react.md (useLiveOperation):
 * what `useLiveOperation` puts in `state.progress` and hands to `onProgress`.
 */
export interface OperationProgress {
  operationId: string;
  operationType: string;
  status: OperationStatus;
  stage: string | null;
  /** 0–100; never decreases. */
  progress: number;
  message: string | null;
  details: Record<string, unknown> | null;
  tasks: TaskSnapshot[] | null;
  /** Completed and all tasks; null when the operation has no tasks. */
  completedTasks: number | null;
  totalTasks: number | null;
  /** "Step n of N" of the current stage; null when the operation has no stages. */
  step: number | null;
  totalSteps: number | null;
  timestamp: number;
  estimatedCompletion: number | null;
  seq: number;
}

export function progressFromSnapshot(snapshot: OperationSnapshot): OperationProgress {
  const counts = taskCountsOf(snapshot);
  const step = stepOf(snapshot);
  return {
    operationId: snapshot.operationId,
    operationType: snapshot.operationType,
    status: snapshot.status,
    stage: snapshot.stage,
    progress: snapshot.progress,
    message: snapshot.message,
    details: snapshot.details,
    tasks: snapshot.tasks,
    completedTasks: counts?.completed ?? null,
    totalTasks: counts?.total ?? null,
    step: step?.step ?? null,
    totalSteps: step?.totalSteps ?? null,
    timestamp: snapshot.updatedAt,
    estimatedCompletion: snapshot.estimatedCompletion,
    seq: snapshot.seq,
  };
}

export function progressFromEvent(event: ProgressUpdatedPayload): OperationProgress {
  return {
    operationId: event.operationId,
    operationType: event.operationType,
    status: event.status,
    stage: event.stage,
    progress: event.progress,
    message: event.message,
    details: event.details,
    tasks: event.tasks ?? null,
    completedTasks: event.completedTasks ?? null,
    totalTasks: event.totalTasks ?? null,
    step: event.step ?? null,
    totalSteps: event.totalSteps ?? null,
    timestamp: event.timestamp,
    estimatedCompletion: event.estimatedCompletion,
    seq: event.seq,
  };
}
