import type {
  AnyOperationContract,
  ContractDetails,
  ContractResult,
  ContractStage,
  OperationErrorInfo,
  OperationSnapshot,
  StoredEvent,
  TaskSnapshot,
} from '@liveprogress/protocol';
import type { ScriptedServer } from './scripted-server.js';

/** One `progress.updated`: the fields given change, the others keep their value. */
export interface TestProgressUpdate<Stage extends string = string, Details = Record<string, unknown>> {
  stage?: Stage | null;
  progress?: number;
  message?: string | null;
  details?: Details | null;
  tasks?: TaskSnapshot[];
}

/**
 * Drives one operation as a server would. Each call numbers one event, folds it into the
 * server's snapshot and the client's store with the protocol's reducer, and returns a promise
 * that settles once the client has notified its listeners: `await act(() => op.update(…))`.
 */
export interface TestOperation<Stage extends string = string, Details = Record<string, unknown>, Result = unknown> {
  readonly operationId: string;
  update(update: TestProgressUpdate<Stage, Details>): Promise<void>;
  complete(result?: Result, options?: { message?: string }): Promise<void>;
  /** Ends it `failed`; a string or an Error becomes `{ message }` (with the Error's `code`, if any). */
  fail(error: string | Error | OperationErrorInfo): Promise<void>;
  /** Ends it `cancelled`, as a cancel from a user would. */
  cancel(reason?: string): Promise<void>;
  /** Removes it (`operation.deleted`): a component watching it shows it lost. */
  delete(): Promise<void>;
  /** The server's snapshot after every event so far. */
  snapshot(): OperationSnapshot;
  /** Every event so far, in seq order. */
  events(): readonly StoredEvent[];
}

/** A `TestOperation` typed by an operation contract (docs/typed-operations.md). */
export type ContractTestOperation<C extends AnyOperationContract> = TestOperation<ContractStage<C>, ContractDetails<C>, ContractResult<C>>;

// The client's notifications go out in a microtask; this resolves after them.
const settled = (): Promise<void> => new Promise((resolve) => queueMicrotask(() => queueMicrotask(resolve)));

export function testOperation(server: ScriptedServer, operationId: string): TestOperation {
  const current = () => server.ensure(operationId).snapshot;
  const base = () => ({ operationId, operationType: current().operationType, timestamp: Date.now() });
  const stepOf = (stage: string | null) => {
    const stages = current().stages;
    const index = stage === null || !stages ? -1 : [...stages].sort((a, b) => a.order - b.order).findIndex((s) => s.id === stage);
    return index < 0 || !stages ? {} : { step: index + 1, totalSteps: stages.length };
  };
  return {
    operationId,
    update(update) {
      const now = current();
      const stage = update.stage === undefined ? now.stage : update.stage;
      server.emit(operationId, {
        event: 'progress.updated',
        ...base(),
        status: 'running',
        stage,
        progress: update.progress ?? now.progress,
        message: update.message === undefined ? now.message : update.message,
        details: update.details === undefined ? now.details : update.details,
        estimatedCompletion: null,
        ...stepOf(stage),
        ...(update.tasks ? { tasks: update.tasks } : {}),
      });
      return settled();
    },
    complete(result, options = {}) {
      server.emit(operationId, {
        event: 'progress.completed',
        ...base(),
        status: 'completed',
        progress: 100,
        ...(result === undefined ? {} : { result }),
        ...(options.message === undefined ? {} : { message: options.message }),
      });
      return settled();
    },
    fail(error) {
      server.emit(operationId, { event: 'progress.failed', ...base(), status: 'failed', progress: current().progress, error: errorInfo(error) });
      return settled();
    },
    cancel(reason = 'Cancelled by the user') {
      server.emit(operationId, {
        event: 'progress.failed',
        ...base(),
        status: 'cancelled',
        progress: current().progress,
        error: { code: 'CANCELLED', message: reason },
      });
      return settled();
    },
    delete() {
      server.delete(operationId);
      return settled();
    },
    snapshot: current,
    events: () => [...(server.get(operationId)?.events ?? [])],
  };
}

function errorInfo(error: string | Error | OperationErrorInfo): OperationErrorInfo {
  if (typeof error === 'string') return { message: error };
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? { message: error.message, code } : { message: error.message };
  }
  return error;
}
