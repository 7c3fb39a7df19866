import type { ConnectionStatus } from '@liveprogress/client';
import { isTerminalStatus, stepOf, type OperationSnapshot, type TaskSnapshot } from '@liveprogress/protocol';
import { useId, type ReactNode } from 'react';
import type { ProgressTrackerProps } from './progress-tracker.js';
import { stageStates, type StageState } from './stage-states.js';
import { taskCountsOf } from './task-list.js';
import { TrackerDetails } from './tracker-details.js';
import { TrackerTasks } from './tracker-tasks.js';
import { TrackerTime } from './tracker-time.js';
import { useNow } from './use-now.js';

const CONNECTION_LABEL = {
  idle: 'Not connected',
  connecting: 'Connecting…',
  connected: 'Live',
  reconnecting: 'Reconnecting…',
  disconnected: 'Offline',
  unauthorized: 'Not authorized',
} as const;

const STAGE_MARK: Record<StageState, string> = { pending: '', current: '•', done: '✓', failed: '✕', cancelled: '–' };
const STAGE_LABEL: Record<StageState, string> = { pending: 'pending', current: 'in progress', done: 'done', failed: 'failed', cancelled: 'cancelled' };

export interface TrackerViewProps extends ProgressTrackerProps {
  snapshot: OperationSnapshot | null;
  /** The snapshot's tasks, identity kept while they do not change (see `useStableTasks`). */
  tasks: readonly TaskSnapshot[];
  /** Why the operation cannot be watched, or how it failed or was cancelled. */
  error: Error | null;
  connection: ConnectionStatus;
  /** Shows a "Track progress" button that calls it; null when the tracker follows already. */
  onStart: (() => void) | null;
  /** The server no longer has the operation: no live indicator, no estimate, a plain notice (default false). */
  lost?: boolean;
}

/** What a lost operation says instead of the raw NOT_FOUND refusal. */
export const LOST_MESSAGE = 'This operation is no longer available: it was deleted or has expired, or the server restarted without it.';

/**
 * What `ProgressTracker` draws for one state of an operation. It reads only its
 * props (and the clock), so it renders from a snapshot alone: the step, the task
 * counts and the terminal rule are the protocol's, read off the snapshot.
 */
export function TrackerView({ config, className, style, snapshot, tasks, error, connection, onStart, lost = false }: TrackerViewProps): ReactNode {
  const { showDetails = false, showTasks = true, showTimeEstimate = true, showStages = true, taskLabel = 'tasks' } = config;
  const titleId = useId();
  const status = lost ? 'lost' : (snapshot?.status ?? 'idle');
  const running = !lost && snapshot !== null && !isTerminalStatus(snapshot.status);
  // While the connection is down nothing is known about the operation: the clock stops, and so does the countdown.
  const live = connection === 'connected';
  const now = useNow(showTimeEstimate && running && live, { startAt: snapshot?.updatedAt });
  const step = stepOf(snapshot);

  const value = Math.round(snapshot?.progress ?? 0);
  const message = snapshot?.message ?? (snapshot ? null : 'Waiting for progress…');
  const stages = stageStates(config.stages ?? snapshot?.stages ?? [], snapshot);

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
        {lost ? (
          <span className="lp-tracker__connection" data-connection="lost">
            No longer available
          </span>
        ) : (
          <span className="lp-tracker__connection" data-connection={connection} aria-live="polite">
            {CONNECTION_LABEL[connection]}
          </span>
        )}
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
        {step ? <span className="lp-tracker__step">{`Step ${step.step} of ${step.totalSteps}`}</span> : null}
        <span className="lp-tracker__percent">{value}%</span>
      </div>
      {showTimeEstimate && snapshot && !lost ? <TrackerTime snapshot={snapshot} now={now} estimatedDuration={config.estimatedDuration} paused={!live} /> : null}
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
      {showDetails && snapshot ? <TrackerDetails details={snapshot.details} tasks={showTasks ? null : taskCountsOf(snapshot)} /> : null}
      {/* A cancellation is announced too, but in the cancelled tone, not as a failure. */}
      {lost ? (
        <p className="lp-tracker__lost" role="status">
          {LOST_MESSAGE}
        </p>
      ) : error ? (
        <p className={status === 'cancelled' ? 'lp-tracker__cancelled' : 'lp-tracker__error'} role="alert">
          {error.message}
        </p>
      ) : null}
      {onStart ? (
        <button type="button" className="lp-tracker__start" onClick={onStart}>
          Track progress
        </button>
      ) : null}
    </section>
  );
}
