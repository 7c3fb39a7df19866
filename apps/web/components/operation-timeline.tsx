'use client';

import { type OperationSnapshot, type StageDefinition, type StoredEvent, startOf } from '@liveprogress/protocol';
import { format } from 'date-fns';
import { useId } from 'react';
import { STAGES_BY_TYPE } from '@/lib/demo-stages';
import styles from './operation-timeline.module.css';
import { useOperationEvents } from './use-operation-events';

const LISTED_TASK_FAILURES = 5;

type Tone = 'start' | 'stage' | 'done' | 'failed' | 'cancelled' | 'note';

export interface TimelineEntry {
  at: number;
  tone: Tone;
  text: string;
  /** A second line: why it failed, how long a stage took. */
  detail?: string;
}

/** An operation's story as a person reads it: when it started, each stage, failures, and how it ended. */
export function OperationTimeline({ snapshot }: { snapshot: OperationSnapshot }) {
  const titleId = useId();
  const { events, status, error } = useOperationEvents(snapshot.operationId);
  const entries = timelineEntries(snapshot, events);
  const start = startOf(snapshot);
  const missing = events.length > 0 && (events[0]?.seq ?? 1) > 1;

  return (
    <section className="card" aria-labelledby={titleId}>
      <div className="card-header">
        <div>
          <h2 id={titleId}>Timeline</h2>
          <p>{status === 'live' && !isEnded(snapshot) ? 'What has happened so far; new steps appear as they happen.' : 'What happened, in order.'}</p>
        </div>
      </div>
      {status === 'loading' ? (
        <p className="hint" aria-busy="true">
          Loading the timeline…
        </p>
      ) : null}
      {error ? (
        <p className="alert" role="alert">
          Could not load the timeline: {error}
        </p>
      ) : null}
      {missing ? <p className="hint">Older steps are no longer kept; the timeline starts at the oldest one still stored.</p> : null}
      <ol className={styles.timeline} aria-label="Timeline">
        {entries.map((entry) => (
          <li key={`${entry.at}-${entry.text}`} className={styles.entry} data-tone={entry.tone}>
            <span className={styles.marker} aria-hidden="true" />
            <span className={styles.text}>
              {entry.text}
              {entry.detail ? <span className={styles.detail}>{entry.detail}</span> : null}
            </span>
            <time className={styles.time} dateTime={new Date(entry.at).toISOString()} title={format(entry.at, 'yyyy-MM-dd HH:mm:ss.SSS')}>
              {format(entry.at, 'HH:mm:ss')}
              <span className={styles.offset}>{offset(entry.at - start)}</span>
            </time>
          </li>
        ))}
      </ol>
    </section>
  );
}

function isEnded(snapshot: OperationSnapshot): boolean {
  return snapshot.status === 'completed' || snapshot.status === 'failed' || snapshot.status === 'cancelled';
}

/** "+1.2 s" after the start; "+2 min 5 s" for long ones. */
function offset(ms: number): string {
  const seconds = Math.max(0, ms) / 1000;
  if (seconds < 60) return `+${seconds.toFixed(1)} s`;
  return `+${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
}

function duration(ms: number): string {
  return offset(ms).slice(1);
}

/**
 * Folds the stored events into entries: "created", each stage's start and finish (with how
 * long it took), every task that failed (once), and the end — completed, failed with its
 * reason, or cancelled. Progress updates within a stage are not entries: they say nothing new.
 */
export function timelineEntries(snapshot: OperationSnapshot, events: readonly StoredEvent[]): TimelineEntry[] {
  const stages: readonly StageDefinition[] = snapshot.stages ?? STAGES_BY_TYPE[snapshot.operationType] ?? [];
  const stageName = (id: string) => stages.find((stage) => stage.id === id)?.name ?? id;
  const entries: TimelineEntry[] = [{ at: snapshot.createdAt, tone: 'start', text: 'Created', detail: `by ${snapshot.ownerId}` }];
  // Widened on purpose: finishStage (a closure) also clears it, which TypeScript's narrowing does not see.
  let stage = null as { id: string; at: number } | null;
  const failedTasks = new Set<string>();
  // A few failed items are worth a line each; hundreds would bury the rest of the story.
  let unlisted = { count: 0, at: 0 };

  const finishStage = (at: number) => {
    if (!stage) return;
    entries.push({ at, tone: 'stage', text: `${stageName(stage.id)} finished`, detail: `took ${duration(at - stage.at)}` });
    stage = null;
  };

  for (const event of events) {
    for (const task of event.tasks ?? []) {
      if (task.status !== 'failed' || failedTasks.has(task.id)) continue;
      failedTasks.add(task.id);
      if (failedTasks.size > LISTED_TASK_FAILURES) {
        unlisted = { count: unlisted.count + 1, at: task.finishedAt ?? event.timestamp };
        continue;
      }
      entries.push({
        at: task.finishedAt ?? event.timestamp,
        tone: 'failed',
        text: `${task.name} failed`,
        ...(task.error ? { detail: task.error.message } : {}),
      });
    }
    if (event.event === 'progress.updated') {
      if (event.stage && event.stage !== stage?.id) {
        finishStage(event.timestamp);
        stage = { id: event.stage, at: event.timestamp };
        entries.push({ at: event.timestamp, tone: 'stage', text: `${stageName(event.stage)} started`, ...(event.message ? { detail: event.message } : {}) });
      }
    } else if (event.event === 'progress.completed') {
      finishStage(event.timestamp);
      entries.push({ at: event.timestamp, tone: 'done', text: 'Completed', ...(event.message ? { detail: event.message } : {}) });
    } else {
      const where = stage ? ` during ${stageName(stage.id)}` : '';
      const at = `${Math.round(event.progress)} %`;
      stage = null;
      entries.push(
        event.status === 'cancelled'
          ? { at: event.timestamp, tone: 'cancelled', text: `Cancelled at ${at}${where}`, ...cancelledBy(event.error.details) }
          : { at: event.timestamp, tone: 'failed', text: `Failed at ${at}${where}`, detail: event.error.message },
      );
    }
  }
  if (unlisted.count > 0) {
    entries.push({ at: unlisted.at, tone: 'failed', text: `${unlisted.count} more items failed`, detail: 'Listed under Items, failed first' });
    entries.sort((a, b) => a.at - b.at);
  }
  return entries;
}

/** Who cancelled, when the server says (its `error.details.cancelledBy`). */
function cancelledBy(details: unknown): { detail?: string } {
  const by = details && typeof details === 'object' && 'cancelledBy' in details ? (details as { cancelledBy: unknown }).cancelledBy : null;
  return typeof by === 'string' && by.length > 0 ? { detail: `by ${by}` } : {};
}
