import { OperationListStore, type OperationListOptions, type OperationListState } from '@liveprogress/client';
import type { OperationSnapshot } from '@liveprogress/protocol';
import { useMemo, useSyncExternalStore } from 'react';
import { useLiveProgressContext } from './live-progress-context.js';

/** `{ operationType?, status?, limit? }` plus how the list stays live (see the client's `OperationListOptions`). */
export type UseOperationsOptions = OperationListOptions;

export interface UseOperationsResult {
  /** Newest first; running ones update live. */
  operations: readonly OperationSnapshot[];
  status: OperationListState['status'];
  error: Error | null;
  isLoading: boolean;
  /** Lists again now. */
  refresh: () => Promise<void>;
}

const IDLE_LIST: OperationListState = Object.freeze({ operations: Object.freeze([]), status: 'idle', error: null, updatedAt: null });
const idle = (): OperationListState => IDLE_LIST;
const noSubscription = (): (() => void) => () => undefined;

/** A live list of the operations the signed-in user may see, filtered by type and status. */
export function useOperations(options: UseOperationsOptions = {}): UseOperationsResult {
  const { client } = useLiveProgressContext('useOperations');
  // The options are plain data: their JSON is a stable key even when the object is new each render.
  const key = JSON.stringify(options);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `options`, which is a new object on every render.
  const list = useMemo(() => (client ? new OperationListStore(client, options) : null), [client, key]);
  const state = useSyncExternalStore(list?.subscribe ?? noSubscription, list?.getSnapshot ?? idle, idle);
  const refresh = useMemo(() => () => list?.refresh() ?? Promise.resolve(), [list]);
  return {
    operations: state.operations,
    status: state.status,
    error: state.error,
    isLoading: state.status === 'loading',
    refresh,
  };
}
