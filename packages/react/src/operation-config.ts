import type { AnyOperationContract, OperationSnapshot, OperationStatus } from '@liveprogress/protocol';
import type { OperationProgress } from './operation-progress.js';
import type { StartOperationData } from './operation-request.js';
import type { ToastEvent } from './toasts.js';

/**
 * How to start an operation and what to do while it runs (docs/react.md, useLiveOperation).
 * Name its type with `operationType`, or give its `contract` (docs/typed-operations.md), which
 * also types `onComplete`'s result and `state.result`.
 */
export type OperationConfig<Request = Record<string, unknown>, Response = StartOperationData, Result = unknown> = OperationConfigBase<
  Request,
  Response,
  Result
> &
  ({ contract: AnyOperationContract; operationType?: string } | { contract?: undefined; operationType: string });

interface OperationConfigBase<Request, Response, Result> {
  /** Relative endpoints resolve against the provider's `apiUrl`. */
  apiEndpoint: string;
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
  onComplete?: (result: Result, snapshot: OperationSnapshot) => void;
  /** The request failed (`OperationRequestError`) or the operation failed or was cancelled (`OperationFailedError`). */
  onError?: (error: Error) => void;
  /** Takes over the operation's toasts: when given, sonner is not called for them. */
  onToast?: (toast: ToastEvent) => void;
}

/** `lost`: the server no longer has the started operation (deleted, expired, or gone with a restarted server). */
export type LiveOperationStatus = 'idle' | 'starting' | OperationStatus | 'lost';

export interface LiveOperationState<Response = StartOperationData, Result = unknown> {
  /** Starting, or started and not yet ended (a lost operation has ended as far as the page can know). */
  isLoading: boolean;
  status: LiveOperationStatus;
  operationId: string | null;
  /** The latest progress (null with `enableProgress: false`). */
  progress: OperationProgress | null;
  /** The operation's result once it has completed (typed by the config's contract, if any). */
  result: Result | null;
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
