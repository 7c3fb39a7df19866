import type { OperationSnapshot } from './operation.js';

/**
 * When the operation's work began, which elapsed time, the time left and the server's estimate
 * count from: `startedAt`, else `createdAt` (a snapshot may carry `startedAt: null`: docs/protocol.md).
 */
export function startOf(snapshot: Pick<OperationSnapshot, 'startedAt' | 'createdAt'>): number {
  return snapshot.startedAt ?? snapshot.createdAt;
}
