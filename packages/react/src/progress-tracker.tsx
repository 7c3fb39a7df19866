import { type AnyOperationContract, type OperationSnapshot, type StageDefinition, contractStageDefinitions } from '@liveprogress/protocol';
import { type CSSProperties, type ReactNode, useMemo } from 'react';
import { TrackerView } from './tracker-view.js';
import { useOperation } from './use-operation.js';
import { useLiveProgressContext } from './live-progress-context.js';
import { useConnectionStatus } from './use-connection-state.js';

/** A stage of an operation, listed as `{ id, name, description, order }` (docs/react.md, ProgressTracker). */
export type ProgressStage = StageDefinition;

/** What `<ProgressTracker>` takes (docs/react.md, ProgressTracker). */
export type ProgressConfig = ProgressConfigBase &
  (
    | {
        /** The operation's contract (docs/typed-operations.md): its type, and its stages with their labels, unless given here. */
        contract: AnyOperationContract;
        operationType?: string;
      }
    | { contract?: undefined; operationType: string }
  );

interface ProgressConfigBase {
  operationId: string;
  /**
   * The snapshot a server component read (`fetchOperation`): the server-rendered tracker already
   * shows it, and the live stream resumes after its `seq` (docs/react.md, Server rendering).
   */
  initialSnapshot?: OperationSnapshot | null;
  /** The progress bar's accessible name. */
  title: string;
  description?: string;
  /** Defaults to the stages the server reports for the operation, if any. */
  stages?: ProgressStage[];
  /** Milliseconds; used for the remaining time until the server sends its own estimate. */
  estimatedDuration?: number;
  /** Show the operation's details (default false). */
  showDetails?: boolean;
  /** Show the task list — one row per task with its own bar — when the operation has tasks (default true). */
  showTasks?: boolean;
  /** What the tasks are, in the plural, for the task summary: `'files'` gives "3 of 5 files done" (default `'tasks'`). */
  taskLabel?: string;
  /** Show elapsed and remaining time (default true). */
  showTimeEstimate?: boolean;
  /** Show the stage list (default true). */
  showStages?: boolean;
  /** Start following the operation on mount (default true); otherwise a button starts it. */
  autoStart?: boolean;
}

export interface ProgressTrackerProps {
  config: ProgressConfig;
  /** Added to the root's `lp-tracker` class. */
  className?: string;
  /** For inline theming, e.g. `{ '--lp-accent': 'rebeccapurple' }`. */
  style?: CSSProperties;
}

/**
 * Live progress of one operation: bar, step, stages, tasks, time, details and connection status.
 * While the connection is down the estimate is paused; an operation the server no longer has
 * shows as no longer available (no live indicator, no estimate), and one the server refuses to send
 * (or never had) as not available, with no progress at all. Once it ends, the live indicator gives way
 * to how it ended, and its tasks take that end. Import `@liveprogress/react/styles.css` for its look.
 */
export function ProgressTracker({ config, className, style }: ProgressTrackerProps): ReactNode {
  const { autoStart = true } = config;
  const operation = useOperation(config.operationId, { autoStart, initialSnapshot: config.initialSnapshot });
  const { contract, stages, operationType } = config;
  // A contract fills in the type and the labelled stages the config leaves out.
  const resolved = useMemo(
    () => (contract ? { ...config, operationType: operationType ?? contract.type, stages: stages ?? contractStageDefinitions(contract) } : config),
    [config, contract, stages, operationType],
  );
  const connection = useConnectionStatus(useLiveProgressContext('ProgressTracker').client);
  const notStarted = !autoStart && !operation.snapshot && operation.subscription === 'idle';
  return (
    <TrackerView
      config={resolved}
      className={className}
      style={style}
      snapshot={operation.snapshot}
      tasks={operation.tasks}
      error={operation.error}
      connection={connection}
      onStart={notStarted ? operation.start : null}
      lost={operation.isLost}
      unavailable={operation.isUnavailable && !operation.isLost}
    />
  );
}
