import type { OperationSnapshot } from '@liveprogress/protocol';

let counter = 0;

/** A complete, valid snapshot (a running operation of user u1 in tenant t1) with whatever fields a test needs changed. */
export function makeSnapshot(overrides: Partial<OperationSnapshot> = {}): OperationSnapshot {
  const now = Date.now() + counter++;
  return {
    operationId: `op-${counter}-${Math.random().toString(36).slice(2)}`,
    operationType: 'import',
    name: null,
    status: 'running',
    stage: null,
    progress: 0,
    message: null,
    details: null,
    stages: null,
    tasks: null,
    result: null,
    error: null,
    ownerId: 'u1',
    tenantId: 't1',
    visibility: 'owner',
    createdAt: now,
    updatedAt: now,
    startedAt: now,
    finishedAt: null,
    estimatedCompletion: null,
    seq: 0,
    ...overrides,
  };
}
