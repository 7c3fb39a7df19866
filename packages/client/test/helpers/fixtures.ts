import type { OperationSnapshot, StoredEvent } from '@liveprogress/protocol';
import { makeSnapshot } from '@liveprogress/test-support';

/** Contract-shaped snapshots and events for the pure tests. */
export function snapshot(overrides: Partial<OperationSnapshot> = {}): OperationSnapshot {
  return makeSnapshot({
    operationId: 'op-1',
    operationType: 'generic',
    stage: 'initialization',
    createdAt: 1000,
    updatedAt: 1000,
    startedAt: 1000,
    ...overrides,
  });
}

export function updated(seq: number, progress = seq, operationId = 'op-1'): StoredEvent {
  return {
    event: 'progress.updated',
    operationId,
    operationType: 'generic',
    status: 'running',
    stage: 'processing',
    progress,
    message: `step ${seq}`,
    details: null,
    timestamp: 1000 + seq,
    estimatedCompletion: null,
    seq,
  };
}

export function completed(seq: number, operationId = 'op-1'): StoredEvent {
  return {
    event: 'progress.completed',
    operationId,
    operationType: 'generic',
    status: 'completed',
    progress: 100,
    result: { ok: 1 },
    timestamp: 1000 + seq,
    seq,
  };
}

export function failed(seq: number, operationId = 'op-1'): StoredEvent {
  return {
    event: 'progress.failed',
    operationId,
    operationType: 'generic',
    status: 'failed',
    progress: 40,
    error: { message: 'boom', code: 'X' },
    timestamp: 1000 + seq,
    seq,
  };
}

/** A live payload as the server emits it: the stored event without its `event` name. */
export function live(event: StoredEvent): { name: string; payload: Record<string, unknown> } {
  const { event: name, ...payload } = event;
  return { name, payload };
}
