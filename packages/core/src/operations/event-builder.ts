import { countTasks, type EventInput, type OperationErrorInfo } from '@liveprogress/protocol';
import { estimateCompletion } from './eta.js';
import type { OperationState } from './operation-state.js';

/**
 * The events a handle stores, built from its state. Only events: how each one changes
 * the stored snapshot is protocol's `eventPatch`, applied by the store.
 */
export interface OperationIdentity {
  operationId: string;
  operationType: string;
  estimatedDuration: number | null;
}

export function progressUpdated(op: OperationIdentity, state: OperationState, timestamp: number): EventInput {
  const event: EventInput = {
    event: 'progress.updated',
    operationId: op.operationId,
    operationType: op.operationType,
    status: 'running',
    stage: state.stageId,
    progress: state.progress,
    message: state.message,
    details: state.details,
    timestamp,
    estimatedCompletion: estimateCompletion({ startedAt: state.startedAt, now: timestamp, progress: state.progress, estimatedDuration: op.estimatedDuration }),
  };
  addTasks(event, state);
  const step = state.step();
  if (step) {
    event.step = step.step;
    event.totalSteps = step.totalSteps;
  }
  return event;
}

export function progressCompleted(op: OperationIdentity, state: OperationState, timestamp: number, result: unknown, message: string | undefined): EventInput {
  const event: EventInput = {
    event: 'progress.completed',
    operationId: op.operationId,
    operationType: op.operationType,
    status: 'completed',
    progress: 100,
    timestamp,
  };
  if (result !== undefined) event.result = result;
  if (message !== undefined) event.message = message;
  const failedTasks = state.failedTaskIds();
  if (failedTasks.length > 0) event.failedTasks = failedTasks;
  addTasks(event, state);
  return event;
}

export function progressFailed(
  op: OperationIdentity,
  state: OperationState,
  timestamp: number,
  status: 'failed' | 'cancelled',
  error: OperationErrorInfo,
): EventInput {
  const event: EventInput = {
    event: 'progress.failed',
    operationId: op.operationId,
    operationType: op.operationType,
    status,
    progress: state.progress,
    error,
    timestamp,
  };
  addTasks(event, state);
  return event;
}

/** Every event of an operation with tasks carries all of them and their counts, so a reader never recounts. */
function addTasks(event: EventInput, state: OperationState): void {
  const tasks = state.taskList();
  if (!tasks) return;
  event.tasks = tasks;
  event.completedTasks = countTasks(tasks).completed;
  event.totalTasks = tasks.length;
}
