import type { LiveProgressClient } from '@liveprogress/client';
import { isTerminalEvent, type OperationSnapshot } from '@liveprogress/protocol';

/**
 * Calls `onEnd` once for each operation this client watches (a `useOperation`, a
 * `useLiveOperation`, the running rows of a `useOperations` list) that ends while watched:
 * its terminal event was applied, or it was seen running before its terminal snapshot
 * arrived. An operation that had already ended when it was first seen is not reported:
 * nothing changed on the server because of this page.
 */
export function onOperationEnds(client: LiveProgressClient, onEnd: (snapshot: OperationSnapshot) => void): () => void {
  const running = new Set<string>();
  const reported = new Set<string>();
  const check = (): void => {
    for (const { operationId } of client.operations.watchedOperations()) {
      if (reported.has(operationId)) continue;
      const { snapshot, lastEvent, isTerminal } = client.operations.getSnapshot(operationId);
      if (!snapshot) continue;
      if (!isTerminal) {
        running.add(operationId);
        continue;
      }
      const endedWhileWatched = running.has(operationId) || (lastEvent !== null && isTerminalEvent(lastEvent));
      reported.add(operationId);
      running.delete(operationId);
      if (endedWhileWatched) onEnd(snapshot);
    }
  };
  check();
  return client.operations.subscribe(check);
}
