import type { OperationSnapshot, OperationStatus } from '@liveprogress/protocol';
import { isTerminalStatus } from '@liveprogress/protocol';
import { useEffect, useMemo, useRef, useState } from 'react';
import { resolveEndpoint } from './default-urls.js';
import { OperationFailedError, OperationRequestError } from './errors.js';
import { useLiveProgressContext } from './live-progress-context.js';
import { progressFromEvent, type OperationProgress } from './operation-progress.js';
import { startOperation, type StartOperationData } from './operation-request.js';
import { showToast, type ToastEvent } from './toasts.js';
import { useLatest } from './use-latest.js';
import { useOperation } from './use-operation.js';

/** The guide's `OperationConfig`: how to start an operation and what to do while it runs. */
export interface OperationConfig<Request = Record<string, unknown>, Response = StartOperationData> {
  /** Relative endpoints resolve against the provider's `apiUrl`. */
  apiEndpoint: string;
  operationType: string;
  operationName: string;
  /** Default `POST`. */
  method?: 'POST' | 'PUT' | 'DELETE' | 'PATCH';
  /** Follow live progress into `state.progress` and `onProgress` (default true). */
  enableProgress?: boolean;
  /** Toast the operation's success and failure with sonner (default false). */
  enableToasts?: boolean;
  /** When the operation completes, call the `onTableRefresh` handlers of `tableNames` (default false). */
  enableTableRefresh?: boolean;
  successMessage?: string;
  errorMessage?: string;
  tableNames?: string[];
  onStart?: (request: Request) => void;
  /** The server accepted the request; `response` is its `data`. */
  onStarted?: (response: Response) => void;
  /** Every progress update, in order. */
  onProgress?: (progress: OperationProgress) => void;
  onComplete?: (result: unknown, snapshot: OperationSnapshot) => void;
  /** The request failed (`OperationRequestError`) or the operation failed or was cancelled (`OperationFailedError`). */
  onError?: (error: Error) => void;
  /** Takes over the operation's toasts: when given, sonner is not called for them. */
  onToast?: (toast: ToastEvent) => void;
}

export type LiveOperationStatus = 'idle' | 'starting' | OperationStatus;

export interface LiveOperationState<Response = StartOperationData> {
  /** Starting, or started and not yet ended. */
  isLoading: boolean;
  status: LiveOperationStatus;
  operationId: string | null;
  /** The latest progress (null with `enableProgress: false`). */
  progress: OperationProgress | null;
  /** The operation's result once it has completed. */
  result: unknown;
  error: Error | null;
  /** The `data` of the start response. */
  response: Response | null;
  snapshot: OperationSnapshot | null;
}

export interface LiveOperationActions<Request, Response = StartOperationData> {
  /** Starts the operation and follows it. Resolves with the start response's `data` (null if it could not start); never rejects. */
  execute: (request: Request) => Promise<Response | null>;
  /** Cancels the running operation (or the pending start request). Resolves true when the cancel was accepted. */
  cancel: () => Promise<boolean>;
  /** Forgets the operation (it keeps running on the server) and returns to `idle`. */
  reset: () => void;
}

interface Run<Response> {
  phase: 'idle' | 'starting' | 'started' | 'failed' | 'cancelled';
  operationId: string | null;
  response: Response | null;
  error: Error | null;
}

const IDLE: Run<never> = { phase: 'idle', operationId: null, response: null, error: null };

/**
 * Starts a long-running operation over HTTP and follows it live to its end: the
 * guide's generic hook. Callbacks always see the latest config.
 */
export function useLiveOperation<Request = Record<string, unknown>, Response = StartOperationData>(
  config: OperationConfig<Request, Response>,
): [LiveOperationState<Response>, LiveOperationActions<Request, Response>] {
  const { client, apiUrl, getAuthToken, tables } = useLiveProgressContext('useLiveOperation');
  const latest = useLatest(config);
  const [run, setRun] = useState<Run<Response>>(IDLE);
  const operation = useOperation(run.operationId);
  const generation = useRef(0);
  const inFlight = useRef<AbortController | null>(null);
  const settled = useRef<string | null>(null);
  const runRef = useLatest(run);

  const notify = (toast: Omit<ToastEvent, 'source'>): void => {
    const { onToast, enableToasts } = latest.current;
    const event: ToastEvent = { ...toast, source: 'operation' };
    if (onToast) onToast(event);
    else if (enableToasts) showToast(event);
  };
  const fail = (error: Error, operationId?: string): void => {
    const { onError, errorMessage, operationName } = latest.current;
    onError?.(error);
    const cancelled = error instanceof OperationFailedError && error.status === 'cancelled';
    notify({
      type: cancelled ? 'warning' : 'error',
      title: cancelled ? `${operationName} cancelled` : (errorMessage ?? `${operationName} failed`),
      message: error.message,
      ...(operationId ? { operationId } : {}),
    });
  };

  // Every progress update, in seq order and once, straight from the client's store.
  useEffect(() => {
    const id = run.operationId;
    if (!client || !id) return;
    return client.operations.onEvent(id, (event) => {
      if (event.event === 'progress.updated' && latest.current.enableProgress !== false) latest.current.onProgress?.(progressFromEvent(event));
    });
  }, [client, run.operationId, latest]);

  // The outcome, once per operation, from the snapshot: it is there even when the
  // operation ended before we subscribed and no terminal event was ever seen.
  const { snapshot } = operation;
  const subscribeError = operation.snapshot ? null : operation.error;
  useEffect(() => {
    const id = run.operationId;
    if (!id || settled.current === id) return;
    if (snapshot && snapshot.operationId === id && isTerminalStatus(snapshot.status)) {
      settled.current = id;
      if (snapshot.status === 'completed') {
        const { onComplete, successMessage, operationName, enableTableRefresh, tableNames } = latest.current;
        onComplete?.(snapshot.result, snapshot);
        notify({ type: 'success', title: successMessage ?? `${operationName} completed`, message: snapshot.message ?? '', operationId: id });
        if (enableTableRefresh) {
          for (const table of tableNames ?? []) {
            tables.dispatch({
              type: 'table_refresh',
              table,
              action: 'operation_completed',
              data: snapshot.result,
              affectedIds: [id],
              metadata: { timestamp: Date.now(), initiatedBy: 'client' },
            });
          }
        }
      } else {
        fail(new OperationFailedError(snapshot), id);
      }
    } else if (subscribeError) {
      settled.current = id;
      fail(subscribeError, id);
    }
  });

  const actions = useMemo<LiveOperationActions<Request, Response>>(() => {
    const abortInFlight = (): void => {
      inFlight.current?.abort();
      inFlight.current = null;
    };
    return {
      async execute(request) {
        const mine = ++generation.current;
        abortInFlight();
        const controller = new AbortController();
        inFlight.current = controller;
        settled.current = null;
        setRun({ phase: 'starting', operationId: null, response: null, error: null });
        const { apiEndpoint, method = 'POST', onStart, onStarted } = latest.current;
        try {
          onStart?.(request);
          const data = await startOperation({
            url: resolveEndpoint(apiEndpoint, apiUrl),
            method,
            token: await getAuthToken(),
            body: request,
            signal: controller.signal,
          });
          if (mine !== generation.current) return null;
          inFlight.current = null;
          const response = data as unknown as Response;
          setRun({ phase: 'started', operationId: data.operationId, response, error: null });
          onStarted?.(response);
          return response;
        } catch (caught) {
          if (mine !== generation.current) return null;
          inFlight.current = null;
          const error = caught instanceof Error ? caught : new OperationRequestError(0, 'UNKNOWN', String(caught));
          setRun({ phase: 'failed', operationId: null, response: null, error });
          fail(error);
          return null;
        }
      },
      async cancel() {
        if (inFlight.current) {
          generation.current += 1;
          abortInFlight();
          setRun({ phase: 'cancelled', operationId: null, response: null, error: null });
          return true;
        }
        const id = settled.current === null ? runRef.current.operationId : null;
        if (!client || !id) return false;
        try {
          await client.cancel(id);
          return true;
        } catch {
          // Already finished (NOT_CANCELLABLE) or not connected: the state says which.
          return false;
        }
      },
      reset() {
        generation.current += 1;
        abortInFlight();
        settled.current = null;
        setRun(IDLE);
      },
    };
    // `fail` and `notify` read config through `latest`, so they need not be dependencies.
  }, [client, apiUrl, getAuthToken, latest, runRef]);

  useEffect(() => () => inFlight.current?.abort(), []);

  const state = useMemo<LiveOperationState<Response>>(() => {
    const started = run.phase === 'started';
    const status: LiveOperationStatus = run.phase === 'started' ? (snapshot?.status ?? 'pending') : run.phase;
    const error = run.error ?? (started ? operation.error : null);
    return {
      isLoading: run.phase === 'starting' || (started && !operation.isTerminal && !error),
      status,
      operationId: run.operationId,
      progress: config.enableProgress === false ? null : operation.progress,
      result: snapshot?.status === 'completed' ? snapshot.result : null,
      error,
      response: run.response,
      snapshot,
    };
  }, [run, snapshot, operation.error, operation.isTerminal, operation.progress, config.enableProgress]);

  return [state, actions];
}
