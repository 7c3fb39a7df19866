import type { OperationSnapshot, StoredEvent } from '@liveprogress/protocol';

/**
 * Folds one progress event into a snapshot, the way the server's own snapshot
 * would change, so the state between acks matches what a fresh subscribe shows.
 */
export function applyEvent(snapshot: OperationSnapshot, event: StoredEvent): OperationSnapshot {
  const base = { ...snapshot, updatedAt: event.timestamp, seq: event.seq };
  switch (event.event) {
    case 'progress.updated':
      return {
        ...base,
        status: event.status,
        stage: event.stage,
        progress: event.progress,
        message: event.message,
        details: event.details,
        tasks: event.tasks ?? snapshot.tasks,
        estimatedCompletion: event.estimatedCompletion,
        startedAt: snapshot.startedAt ?? (event.status === 'running' ? event.timestamp : null),
      };
    case 'progress.completed':
      return {
        ...base,
        status: 'completed',
        progress: 100,
        result: 'result' in event ? event.result : snapshot.result,
        message: event.message ?? snapshot.message,
        finishedAt: event.timestamp,
        estimatedCompletion: null,
      };
    case 'progress.failed':
      return {
        ...base,
        status: event.status,
        progress: typeof event.progress === 'number' ? event.progress : snapshot.progress,
        error: event.error,
        finishedAt: event.timestamp,
        estimatedCompletion: null,
      };
  }
}
