import { EMPTY_OPERATION_STATE, initialOperationState, type OperationState, type SubscriptionStatus } from '@liveprogress/client';
import {
  type AnyOperationContract,
  type ContractDetails,
  type ContractResult,
  type ContractStage,
  isOperationContract,
  stepOf,
  type OperationSnapshot,
  type OperationStatus,
  type StoredEvent,
  type TaskSnapshot,
} from '@liveprogress/protocol';
import { useCallback, useMemo, useRef, useState, useEffect, useSyncExternalStore } from 'react';
import { OperationFailedError } from './errors.js';
import { useLiveProgressContext } from './live-progress-context.js';
import { progressFromSnapshot, type OperationProgress } from './operation-progress.js';
import { taskCountsOf } from './task-list.js';
import { useConnectionStatus } from './use-connection-state.js';
import { useStableTasks } from './use-stable-tasks.js';

export interface UseOperationOptions {
  /** Start watching on mount (default true); otherwise call `start()`. */
  autoStart?: boolean;
  /** Stop watching once the operation has ended, keeping its final state (default true). */
  autoStop?: boolean;
  /**
   * The operation's snapshot as a server component read it (`fetchOperation`): server-rendered
   * HTML and hydration show it, and the live subscription resumes after its `seq`, so nothing
   * is missed or applied twice (docs/react.md, Server rendering).
   */
  initialSnapshot?: OperationSnapshot | null;
}

export interface UseOperationResult {
  /** The latest progress in the `ProgressEvent` shape (docs/react.md, useLiveOperation); null before the first snapshot. */
  progress: OperationProgress | null;
  snapshot: OperationSnapshot | null;
  lastEvent: StoredEvent | null;
  /**
   * The operation's tasks (one per file, item…) in the server's order; empty when it
   * has none. The array keeps its identity until a task changes, and each task
   * object until that task changes.
   */
  tasks: readonly TaskSnapshot[];
  /** How many of `tasks` are completed. */
  completedTasks: number;
  totalTasks: number;
  /** The current stage's 1-based position ("Step 2 of 4"); null when the operation has no stages or is in none yet. */
  step: number | null;
  totalSteps: number | null;
  /** Why the operation cannot be watched (e.g. `NOT_FOUND`), or why it failed. */
  error: Error | null;
  /**
   * The operation's status; `idle` until its first snapshot arrives; `lost` once the server no
   * longer has it (deleted, expired, or gone with a restarted server), whatever it was before.
   */
  status: OperationStatus | 'idle' | 'lost';
  /** The server no longer has the operation (`status === 'lost'`): it cannot be cancelled and nothing more will come. `snapshot` keeps its last known state. */
  isLost: boolean;
  /**
   * Nothing of the operation can be shown: it is lost, or the server refused to send it
   * (`FORBIDDEN`, an ended session…) before its first snapshot. Show a notice, not progress.
   */
  isUnavailable: boolean;
  subscription: SubscriptionStatus;
  isTerminal: boolean;
  /** After a reconnect: whether every missed event was replayed (null before any reconnect). */
  recovered: boolean | null;
  isConnected: boolean;
  isReconnecting: boolean;
  start: () => void;
  stop: () => void;
}

/**
 * A snapshot read through a contract (docs/typed-operations.md): its stage is one of the
 * contract's, its details and result have the contract's types. The client does not validate
 * what the server sent (no validator travels to the browser); the server did when it was stored.
 */
export type ContractSnapshot<C extends AnyOperationContract> = Omit<OperationSnapshot, 'operationType' | 'stage' | 'details' | 'result'> & {
  operationType: C['type'];
  stage: ContractStage<C> | null;
  details: ContractDetails<C> | null;
  result: ContractResult<C> | null;
};

/** `useOperation(contract, id)`: the same result, with the snapshot typed by the contract. */
export type UseContractOperationResult<C extends AnyOperationContract> = Omit<UseOperationResult, 'snapshot'> & {
  snapshot: ContractSnapshot<C> | null;
};

const noSubscription = (): (() => void) => () => undefined;

/**
 * Watches one operation. Components watching the same id share one server
 * subscription, and each re-renders only when that operation changes (at most once
 * per frame: the client batches notifications and keeps snapshot identity).
 */
export function useOperation<C extends AnyOperationContract>(
  contract: C,
  operationId: string | null | undefined,
  options?: UseOperationOptions,
): UseContractOperationResult<C>;
export function useOperation(operationId: string | null | undefined, options?: UseOperationOptions): UseOperationResult;
export function useOperation(
  first: AnyOperationContract | string | null | undefined,
  second?: string | null | UseOperationOptions,
  third?: UseOperationOptions,
): UseOperationResult {
  // The contract only types the result: one hook, called the same way either way.
  const typed = isOperationContract(first);
  const operationId = typed ? (second as string | null | undefined) : first;
  const options = typed ? third : (second as UseOperationOptions | undefined);
  return useOperationById(operationId, options);
}

function useOperationById(operationId: string | null | undefined, options: UseOperationOptions = {}): UseOperationResult {
  const { autoStart = true, autoStop = true, initialSnapshot } = options;
  const { client } = useLiveProgressContext('useOperation');
  const connection = useConnectionStatus(client);
  const id = operationId || null;
  // Until the client has the operation, the server-rendered snapshot stands for it (one object, so
  // useSyncExternalStore sees no change); a snapshot of another operation is ignored.
  const seed = initialSnapshot && initialSnapshot.operationId === id ? initialSnapshot : null;
  const initialState = useMemo(() => (seed ? initialOperationState(seed) : EMPTY_OPERATION_STATE), [seed]);

  // Whether to watch, reset to `autoStart` whenever the id changes.
  const [wanted, setWanted] = useState({ id, on: autoStart });
  if (wanted.id !== id) setWanted({ id, on: autoStart });

  // The client forgets an operation nobody watches; keep the last state seen so a
  // stopped (or finished and auto-stopped) operation still shows how it ended.
  const retained = useRef<{ id: string; state: OperationState } | null>(null);
  const subscribe = useCallback((listener: () => void) => (client && id ? client.operations.subscribe(listener, id) : noSubscription()), [client, id]);
  const getSnapshot = useCallback((): OperationState => {
    if (!client || !id) return initialState;
    const state = client.operations.getSnapshot(id);
    if (state !== EMPTY_OPERATION_STATE) {
      if (state.snapshot || state.isLost) retained.current = { id, state };
      return state;
    }
    return retained.current?.id === id ? retained.current.state : initialState;
  }, [client, id, initialState]);
  const getServerSnapshot = useCallback((): OperationState => initialState, [initialState]);
  const state = useSyncExternalStore(subscribe, getSnapshot, getServerSnapshot);

  const watching = wanted.id === id && wanted.on && !(autoStop && state.isTerminal);
  // Read when watching starts; a later render's object must not restart the subscription.
  const seedRef = useRef(seed);
  seedRef.current = seed;
  useEffect(() => {
    if (!client || !id || !watching) return;
    return client.operations.watch(id, { initialSnapshot: seedRef.current });
  }, [client, id, watching]);

  const { snapshot } = state;
  const progress = useMemo(() => (snapshot ? progressFromSnapshot(snapshot) : null), [snapshot]);
  const failure = snapshot?.error ? snapshot : null;
  const error = useMemo(() => state.error ?? (failure ? new OperationFailedError(failure) : null), [state.error, failure]);
  const tasks = useStableTasks(snapshot?.tasks);
  const counts = taskCountsOf(snapshot);
  const step = stepOf(snapshot);
  const start = useCallback(() => setWanted({ id, on: true }), [id]);
  const stop = useCallback(() => setWanted({ id, on: false }), [id]);

  return {
    progress,
    snapshot,
    lastEvent: state.lastEvent,
    tasks,
    completedTasks: counts?.completed ?? 0,
    totalTasks: counts?.total ?? 0,
    step: step?.step ?? null,
    totalSteps: step?.totalSteps ?? null,
    error,
    status: state.isLost ? 'lost' : (snapshot?.status ?? 'idle'),
    isLost: state.isLost,
    isUnavailable: state.isLost || (state.subscription === 'error' && snapshot === null),
    subscription: state.subscription,
    isTerminal: state.isTerminal,
    recovered: state.recovered,
    isConnected: connection === 'connected',
    isReconnecting: connection === 'reconnecting',
    start,
    stop,
  };
}
