import { isTerminalStatus, type OperationSnapshot, type StoredEvent } from '@liveprogress/protocol';
import { useEffect, useRef, type RefObject } from 'react';
import { OperationFailedError } from './errors.js';
import { useLiveProgressContext } from './live-progress-context.js';
import type { OperationConfig } from './operation-config.js';
import { progressFromEvent } from './operation-progress.js';
import { showToast, type ToastEvent } from './toasts.js';

/**
 * The part of the config that says what to do as an operation moves on (the same for every
 * request type). `never` as the result: any config's `onComplete` fits, whatever its contract types it as.
 */
type OutcomeConfig = Omit<OperationConfig<never, never, never>, 'onStart' | 'onStarted'>;

export interface OperationOutcome {
  /** Reports a failure (callback and toast); for failures the hook itself cannot see, such as the start request's. */
  reportFailure: (error: Error, operationId?: string) => void;
  /** Forgets which operation was reported, so the next one is reported too. */
  forget: () => void;
}

/**
 * Runs `useLiveOperation`'s callbacks, toasts and table refreshes for the operation
 * it follows: every progress update as it is applied, and the outcome once — read
 * from the snapshot, which has it even when the operation ended before we subscribed.
 */
export function useOperationOutcome(
  operationId: string | null,
  state: { snapshot: OperationSnapshot | null; lastEvent: StoredEvent | null; error: Error | null; isLost: boolean },
  config: RefObject<OutcomeConfig>,
): OperationOutcome {
  const { client } = useLiveProgressContext('useLiveOperation');
  const reported = useRef<string | null>(null);

  const notify = (toast: Omit<ToastEvent, 'source'>): void => {
    const { onToast, enableToasts } = config.current;
    const event: ToastEvent = { ...toast, source: 'operation' };
    if (onToast) onToast(event);
    else if (enableToasts) showToast(event);
  };
  const reportFailure = (error: Error, id?: string, name?: string): void => {
    const { onError, errorMessage, operationName } = config.current;
    onError?.(error);
    const cancelled = error instanceof OperationFailedError && error.status === 'cancelled';
    // The operation's own name ("Quarterly report") over the config's name for the kind of operation.
    const what = name ?? operationName;
    notify({
      type: cancelled ? 'warning' : 'error',
      title: cancelled ? `${what} cancelled` : (errorMessage ?? `${what} failed`),
      message: cancelled ? cancelledByLine(error) : errorMessage && name ? `${name}: ${error.message}` : error.message,
      ...(id ? { operationId: id } : {}),
    });
  };
  const reportCompletion = (snapshot: OperationSnapshot, lastEvent: StoredEvent | null): void => {
    const { onComplete, successMessage, operationName, enableTableRefresh, tableNames } = config.current;
    // The server validated the result against the operation's contract, if it has one; typed by the caller's config.
    onComplete?.(snapshot.result as never, snapshot);
    // The snapshot's message is the last one reported, usually a progress line ("Finalizing…") that
    // is stale once the work is done: say what completed, unless the completion named its own message.
    const own = lastEvent?.event === 'progress.completed' && lastEvent.operationId === snapshot.operationId ? lastEvent.message : undefined;
    notify({
      type: 'success',
      title: successMessage ?? `${snapshot.name ?? operationName} completed`,
      message: own ?? snapshot.name ?? operationName,
      operationId: snapshot.operationId,
    });
    if (!enableTableRefresh) return;
    for (const table of tableNames ?? []) {
      client?.refreshTable({
        type: 'table_refresh',
        table,
        action: 'operation_completed',
        data: snapshot.result,
        affectedIds: [snapshot.operationId],
        metadata: { timestamp: Date.now(), initiatedBy: 'client' },
      });
    }
  };

  // Every progress update, in seq order and once (replays included), straight from the client's store.
  useEffect(() => {
    if (!client || !operationId) return;
    return client.operations.onEvent(operationId, (event) => {
      if (event.event === 'progress.updated' && config.current.enableProgress !== false) config.current.onProgress?.(progressFromEvent(event));
    });
  }, [client, operationId, config]);

  const { snapshot } = state;
  // A lost operation ends here too (onError with NOT_FOUND), even with a last snapshot on screen.
  const watchError = snapshot && !state.isLost ? null : state.error;
  useEffect(() => {
    if (!operationId || reported.current === operationId) return;
    if (snapshot?.operationId === operationId && isTerminalStatus(snapshot.status)) {
      reported.current = operationId;
      if (snapshot.status === 'completed') reportCompletion(snapshot, state.lastEvent);
      else reportFailure(new OperationFailedError(snapshot), operationId, snapshot.name ?? undefined);
    } else if (watchError) {
      reported.current = operationId;
      reportFailure(watchError, operationId);
    }
  });

  return {
    reportFailure,
    forget: () => {
      reported.current = null;
    },
  };
}

/** "Cancelled by dana" when the server said who cancelled (`error.details.cancelledBy`, docs/protocol.md), else the server's message. */
function cancelledByLine(error: OperationFailedError): string {
  // Any details at all: an object's own field, or nothing from a string, a number or null.
  const by = (error.details as { cancelledBy?: unknown } | null | undefined)?.cancelledBy;
  return typeof by === 'string' && by.length > 0 ? `Cancelled by ${by}` : error.message;
}
