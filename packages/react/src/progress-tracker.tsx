import type { StageDefinition } from '@liveprogress/protocol';
import { isTerminalStatus } from '@liveprogress/protocol';
import { useId, type CSSProperties, type ReactNode } from 'react';
import { stageStates, type StageState } from './stage-states.js';
import { TrackerDetails } from './tracker-details.js';
import { TrackerTasks } from './tracker-tasks.js';
import { TrackerTime } from './tracker-time.js';
import { useNow } from './use-now.js';
import { useOperation } from './use-operation.js';
import { useLiveProgressContext } from './live-progress-context.js';
import { useConnectionStatus } from './use-connection-state.js';

/** A stage of an operation, listed as `{ id, name, description, order }` (docs/react.md, ProgressTracker). */
export type ProgressStage = StageDefinition;

/** What `<ProgressTracker>` takes (docs/react.md, ProgressTracker). */
export interface ProgressConfig {
  operationId: string;
  operationType: string;
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

const CONNECTION_LABEL = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  disconnected: 'Offline',
  unauthorized: 'Not authorized',
} as const;

const STAGE_MARK: Record<StageState, string> = { pending: '', current: '•', done: '✓', failed: '✕' };
const STAGE_LABEL: Record<StageState, string> = { pending: 'pending', current: 'in progress', done: 'done', failed: 'failed' };

/** Live progress of one operation: bar, step, stages, tasks, time, details and connection status. Import `@liveprogress/react/styles.css` for its look. */
export function ProgressTracker({ config, className, style }: ProgressTrackerProps): ReactNode {
  const { showDetails = false, showTasks = true, showTimeEstimate = true, showStages = true, autoStart = true, taskLabel = 'tasks' } = config;
  const titleId = useId();
  const operation = useOperation(config.operationId, { autoStart });
  const connection = useConnectionStatus(useLiveProgressContext('ProgressTracker').client);
  const { snapshot, status, error, tasks, step, totalSteps } = operation;
  const running = snapshot !== null && !isTerminalStatus(snapshot.status);
  const now = useNow(showTimeEstimate && running);

  const value = Math.round(snapshot?.progress ?? 0);
  const message = snapshot?.message ?? (snapshot ? null : 'Waiting for progress…');
  const stages = stageStates(config.stages ?? snapshot?.stages ?? [], snapshot);
  const notStarted = !autoStart && !snapshot && operation.subscription === 'idle';

  return (
    <section
      className={className ? `lp-tracker ${className}` : 'lp-tracker'}
      style={style}
      data-status={status}
      data-operation-type={config.operationType}
      aria-labelledby={titleId}
    >
      <header className="lp-tracker__header">
        <h3 id={titleId} className="lp-tracker__title">
          {config.title}
        </h3>
        <span className="lp-tracker__connection" data-connection={connection} aria-live="polite">
          {CONNECTION_LABEL[connection]}
        </span>
      </header>
      {config.description ? <p className="lp-tracker__description">{config.description}</p> : null}
      <div
        className="lp-tracker__bar"
        role="progressbar"
        aria-labelledby={titleId}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={value}
        aria-valuetext={message ? `${value}% — ${message}` : `${value}%`}
      >
        <div className="lp-tracker__fill" style={{ width: `${value}%` }} />
      </div>
      <div className="lp-tracker__summary">
        <span className="lp-tracker__message">{message}</span>
        {step !== null && totalSteps !== null ? <span className="lp-tracker__step">{`Step ${step} of ${totalSteps}`}</span> : null}
        <span className="lp-tracker__percent">{value}%</span>
      </div>
      {showTimeEstimate && snapshot ? <TrackerTime snapshot={snapshot} now={now} estimatedDuration={config.estimatedDuration} /> : null}
      {showStages && stages.length > 0 ? (
        <ol className="lp-tracker__stages" aria-label="Stages">
          {stages.map((stage, index) => (
            <li key={stage.id} className="lp-tracker__stage" data-state={stage.state} aria-current={stage.state === 'current' ? 'step' : undefined}>
              <span className="lp-tracker__stage-marker" aria-hidden="true">
                {STAGE_MARK[stage.state] || index + 1}
              </span>
              <span className="lp-tracker__stage-name">
                {stage.name}
                <span className="lp-tracker__sr-only"> ({STAGE_LABEL[stage.state]})</span>
              </span>
              {stage.description ? <span className="lp-tracker__stage-description">{stage.description}</span> : null}
            </li>
          ))}
        </ol>
      ) : null}
      {showTasks && tasks.length > 0 ? <TrackerTasks tasks={tasks} label={taskLabel} /> : null}
      {/* Without the task list, the details say how many tasks are done. */}
      {showDetails && snapshot ? <TrackerDetails details={snapshot.details} tasks={showTasks ? null : tasks} /> : null}
      {error ? (
        <p className="lp-tracker__error" role="alert">
          {error.message}
        </p>
      ) : null}
      {notStarted ? (
        <button type="button" className="lp-tracker__start" onClick={operation.start}>
          Track progress
        </button>
      ) : null}
    </section>
  );
}
