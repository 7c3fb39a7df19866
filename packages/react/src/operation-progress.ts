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
  return progressOf(snapshot, taskCountsOf(snapshot), stepOf(snapshot), snapshot.updatedAt);
}

export function progressFromEvent(event: ProgressUpdatedPayload): OperationProgress {
  return progressOf(event, { completed: event.completedTasks, total: event.totalTasks }, event, event.timestamp);
}

/** The one shape both come in: a snapshot's counts and step are read off it, an event's are carried by it. */
function progressOf(
  source: OperationSnapshot | ProgressUpdatedPayload,
  counts: { completed?: number; total?: number } | null,
  step: { step?: number; totalSteps?: number } | null,
  timestamp: number,
): OperationProgress {
  return {
    operationId: source.operationId,
    operationType: source.operationType,
    status: source.status,
    stage: source.stage,
    progress: source.progress,
    message: source.message,
    details: source.details,
    tasks: source.tasks ?? null,
    completedTasks: counts?.completed ?? null,
    totalTasks: counts?.total ?? null,
    step: step?.step ?? null,
    totalSteps: step?.totalSteps ?? null,
    timestamp,
    estimatedCompletion: source.estimatedCompletion,
    seq: source.seq,
  };
}
