import type { ConnectionStatus } from '@liveprogress/client';
import { isTerminalStatus, stepOf, type OperationSnapshot, type TaskSnapshot } from '@liveprogress/protocol';
import { useId, type ReactNode } from 'react';
import type { ProgressTrackerProps } from './progress-tracker.js';
import { stageStates, type StageState } from './stage-states.js';
import { taskCountsOf } from './task-list.js';
import { TrackerBar } from './tracker-bar.js';
import { TrackerDetails } from './tracker-details.js';
import { TrackerTasks } from './tracker-tasks.js';
import { TrackerTime } from './tracker-time.js';
import { unavailableMessage } from './unavailable-message.js';
import { OPERATION_STATUS_LABEL } from './status-labels.js';
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
  /**
   * The server refused to send the operation (e.g. FORBIDDEN) before anything of it was shown:
   * drawn like a lost one, with no progress at all (default false).
   */
  unavailable?: boolean;
}

/**
 * What `ProgressTracker` draws for one state of an operation. It reads only its
 * props (and the clock), so it renders from a snapshot alone: the step, the task
 * counts and the terminal rule are the protocol's, read off the snapshot.
 */
export function TrackerView({ config, className, style, snapshot, tasks, error, connection, onStart, lost, unavailable }: TrackerViewProps): ReactNode {
  const { showDetails = false, showTasks = true, showTimeEstimate = true, showStages = true, taskLabel = 'tasks' } = config;
  const titleId = useId();
  const gone = lost || unavailable;
  const status = lost ? 'lost' : unavailable ? 'unavailable' : (snapshot?.status ?? 'idle');
  const ended = snapshot !== null && isTerminalStatus(snapshot.status);
  const running = !gone && snapshot !== null && !ended;
  // While the connection is down nothing is known about the operation: the clock stops, and so does the countdown.
  const live = connection === 'connected';
  const now = useNow(showTimeEstimate && running && live, snapshot?.updatedAt);
  const step = stepOf(snapshot);

  const value = Math.round(snapshot?.progress ?? 0);
  // Once it has ended, the last progress message ("Finalizing…") is stale: the tracker says how it ended.
  const message = ended ? OPERATION_STATUS_LABEL[snapshot.status] : (snapshot?.message ?? (snapshot ? null : 'Waiting for progress…'));
  const stages = stageStates(config.stages ?? snapshot?.stages ?? [], snapshot);
  // Nothing of the operation was ever shown: no bar, no stages, no tasks — nothing to pretend about.
  const nothingToShow = gone && snapshot === null;

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
        {gone ? (
          <span className="lp-tracker__connection" data-connection="lost">
            {snapshot ? 'No longer available' : 'Not available'}
          </span>
        ) : ended ? (
          // The live indicator is about updates to come; after the end there are none.
          <span className="lp-tracker__state" data-status={snapshot.status}>
            {OPERATION_STATUS_LABEL[snapshot.status]}
          </span>
        ) : (
          <span className="lp-tracker__connection" data-connection={connection} aria-live="polite">
            {CONNECTION_LABEL[connection]}
          </span>
        )}
      </header>
      {config.description ? <p className="lp-tracker__description">{config.description}</p> : null}
      {nothingToShow ? null : (
        <>
          <TrackerBar
            className="lp-tracker__bar"
            fillClassName="lp-tracker__fill"
            labelledBy={titleId}
            value={value}
            valueText={message ? `${value}% — ${message}` : `${value}%`}
          />
          <div className="lp-tracker__summary">
            <span className="lp-tracker__message">{message}</span>
            {step ? <span className="lp-tracker__step">{`Step ${step.step} of ${step.totalSteps}`}</span> : null}
            <span className="lp-tracker__percent">{value}%</span>
          </div>
        </>
      )}
      {showTimeEstimate && snapshot && !gone ? <TrackerTime snapshot={snapshot} now={now} estimatedDuration={config.estimatedDuration} paused={!live} /> : null}
      {showStages && stages.length > 0 && !nothingToShow ? (
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
      {showTasks && tasks.length > 0 ? <TrackerTasks tasks={tasks} label={taskLabel} operationStatus={snapshot?.status ?? null} /> : null}
      {/* Without the task list, the details say how many tasks are done. */}
      {showDetails && snapshot ? <TrackerDetails details={snapshot.details} tasks={showTasks ? null : taskCountsOf(snapshot)} /> : null}
      {/* A cancellation is announced too, but in the cancelled tone, not as a failure. */}
      {gone ? (
        <p className="lp-tracker__lost" role="status">
          {unavailableMessage(error, { seen: snapshot !== null })}
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
