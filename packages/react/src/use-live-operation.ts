import type { AnyOperationContract, ContractResult } from '@liveprogress/protocol';
import { useEffect, useMemo, useRef, useState } from 'react';
import { resolveEndpoint } from './default-urls.js';
import { OperationRequestError } from './errors.js';
import { useLiveProgressContext } from './live-progress-context.js';
import type { LiveOperationActions, LiveOperationState, LiveOperationStatus, OperationConfig } from './operation-config.js';
import { startOperation, type StartOperationData } from './operation-request.js';
import { useLatest } from './use-latest.js';
import { useOperationOutcome } from './use-operation-outcome.js';
import { useOperation } from './use-operation.js';

interface Run<Response> {
  phase: 'idle' | 'starting' | 'started' | 'failed' | 'cancelled';
  operationId: string | null;
  response: Response | null;
  error: Error | null;
}

/** The result type a config's contract gives, or `unknown` without one. */
type ResultOf<Contract> = Contract extends AnyOperationContract ? ContractResult<Contract> : unknown;

const IDLE: Run<never> = { phase: 'idle', operationId: null, response: null, error: null };

/**
 * Starts a long-running operation over HTTP and follows it live to its end: the
 * generic hook (docs/react.md, useLiveOperation). Callbacks always see the latest config.
 */
export function useLiveOperation<
  Request = Record<string, unknown>,
  Response = StartOperationData,
  Contract extends AnyOperationContract | undefined = undefined,
>(
  config: OperationConfig<Request, Response, ResultOf<Contract>> & { contract?: Contract },
): [LiveOperationState<Response, ResultOf<Contract>>, LiveOperationActions<Request, Response>] {
  const { client, apiUrl, getAuthToken } = useLiveProgressContext('useLiveOperation');
  const latest = useLatest(config);
  const [run, setRun] = useState<Run<Response>>(IDLE);
  const runRef = useLatest(run);
  const operation = useOperation(run.operationId);
  const outcome = useOperationOutcome(run.operationId, operation, latest);
  const outcomeRef = useLatest(outcome);
  // Each execute/cancel/reset starts a new generation; an older request's answer is then ignored.
  const generation = useRef(0);
  const inFlight = useRef<AbortController | null>(null);

  const actions = useMemo<LiveOperationActions<Request, Response>>(() => {
    const restart = (): number => {
      inFlight.current?.abort();
      inFlight.current = null;
      outcomeRef.current.forget();
      return ++generation.current;
    };
    return {
      async execute(request) {
        const mine = restart();
        const controller = new AbortController();
        inFlight.current = controller;
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
          // The caller names the shape of `data` through `Response`; the runtime check is on operationId.
          const response = data as unknown as Response;
          setRun({ phase: 'started', operationId: data.operationId, response, error: null });
          onStarted?.(response);
          return response;
        } catch (caught) {
          if (mine !== generation.current) return null;
          inFlight.current = null;
          const error = caught instanceof Error ? caught : new OperationRequestError(0, 'UNKNOWN', String(caught));
          setRun({ phase: 'failed', operationId: null, response: null, error });
          outcomeRef.current.reportFailure(error);
          return null;
        }
      },
      async cancel() {
        if (inFlight.current) {
          restart();
          setRun({ phase: 'cancelled', operationId: null, response: null, error: null });
          return true;
        }
        const id = runRef.current.operationId;
        // A lost operation is gone from the server: there is nothing to cancel.
        if (!client || !id || client.operations.getSnapshot(id).isLost) return false;
        try {
          await client.cancel(id);
          return true;
        } catch {
          // Already finished (NOT_CANCELLABLE) or not connected: the state says which.
          return false;
        }
      },
      reset() {
        restart();
        setRun(IDLE);
      },
    };
  }, [client, apiUrl, getAuthToken, latest, runRef, outcomeRef]);

  useEffect(() => () => inFlight.current?.abort(), []);

  const { snapshot } = operation;
  const state = useMemo<LiveOperationState<Response, ResultOf<Contract>>>(() => {
    const started = run.phase === 'started';
    const lost = started && operation.isLost;
    const status: LiveOperationStatus = run.phase === 'started' ? (lost ? 'lost' : (snapshot?.status ?? 'pending')) : run.phase;
    const error = run.error ?? (started ? operation.error : null);
    return {
      isLoading: run.phase === 'starting' || (started && !operation.isTerminal && !lost && !error),
      status,
      operationId: run.operationId,
      progress: config.enableProgress === false ? null : operation.progress,
      // The server validated the result against the contract when it was reported; here it is only typed.
      result: snapshot?.status === 'completed' ? (snapshot.result as ResultOf<Contract>) : null,
      error,
      response: run.response,
      snapshot,
    };
  }, [run, snapshot, operation.error, operation.isTerminal, operation.isLost, operation.progress, config.enableProgress]);

  return [state, actions];
}
