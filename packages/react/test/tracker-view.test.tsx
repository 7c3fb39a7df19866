import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LiveProgressClientError, OperationTimeline } from '@liveprogress/client';
import type { OperationSnapshot, StoredEvent, TaskSnapshot } from '@liveprogress/protocol';
import { makeSnapshot } from '@liveprogress/test-support';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { OperationFailedError } from '../src/errors.js';
import { TrackerView } from '../src/tracker-view.js';

// Pure renders of what ProgressTracker draws, from snapshots the client's own timeline
// folded: no server, no demo app.

const STAGES = [
  { id: 'read', name: 'Read', order: 1 },
  { id: 'parse', name: 'Parse', order: 2 },
  { id: 'store', name: 'Store', order: 3 },
];

function start(overrides: Partial<OperationSnapshot> = {}): OperationSnapshot {
  return makeSnapshot({ operationId: 'op-1', operationType: 'import', stages: STAGES, createdAt: 1000, updatedAt: 1000, startedAt: 1000, ...overrides });
}

function updated(seq: number, stage: string, step: number, tasks?: TaskSnapshot[]): StoredEvent {
  return {
    event: 'progress.updated',
    operationId: 'op-1',
    operationType: 'import',
    status: 'running',
    stage,
    progress: seq * 10,
    message: `at ${stage}`,
    details: null,
    step,
    totalSteps: STAGES.length,
    ...(tasks ? { tasks, completedTasks: tasks.filter((t) => t.status === 'completed').length, totalTasks: tasks.length } : {}),
    timestamp: 1000 + seq,
    estimatedCompletion: null,
    seq,
  };
}

/** What the client holds after an ack and these live events. */
function folded(ack: OperationSnapshot, events: StoredEvent[]): OperationSnapshot {
  const timeline = new OperationTimeline();
  timeline.receiveAck({ snapshot: ack, events: [] });
  for (const event of events) timeline.receiveLive(event);
  return timeline.snapshot!;
}

function cssRule(selector: string): string {
  const css = readFileSync(join(process.cwd(), 'src/styles.css'), 'utf8'); // vitest runs in the package directory
  const at = css.indexOf(`${selector} {`);
  expect(at, `a rule for ${selector}`).toBeGreaterThanOrEqual(0);
  return css.slice(at, css.indexOf('}', at));
}

function ended(status: 'failed' | 'cancelled', tasks: TaskSnapshot[]): OperationSnapshot {
  return folded(start(), [
    updated(1, 'read', 1),
    updated(2, 'parse', 2, tasks),
    {
      event: 'progress.failed',
      operationId: 'op-1',
      operationType: 'import',
      status,
      progress: 20,
      error: { message: status === 'cancelled' ? 'The operation was cancelled' : 'disk full', code: status === 'cancelled' ? 'CANCELLED' : 'X' },
      timestamp: 1003,
      seq: 3,
    },
  ]);
}

function draw(snapshot: OperationSnapshot, config: { showDetails?: boolean; showTasks?: boolean } = {}) {
  const error = snapshot.error ? new OperationFailedError(snapshot) : null;
  return render(
    <TrackerView
      config={{ operationId: snapshot.operationId, operationType: snapshot.operationType, title: 'Import', showTimeEstimate: false, ...config }}
      snapshot={snapshot}
      tasks={snapshot.tasks ?? []}
      error={error}
      connection="connected"
      onStart={null}
    />,
  );
}

const stageStatesShown = () =>
  within(screen.getByRole('list', { name: 'Stages' }))
    .getAllByRole('listitem')
    .map((item) => item.getAttribute('data-state'));
const taskRows = () => within(screen.getByRole('list', { name: 'Tasks' })).getAllByRole('listitem');

describe('TrackerView, drawn from a folded snapshot', () => {
  it('draws a cancelled operation as cancelled, not as a failure', () => {
    const running = folded(start(), [updated(1, 'read', 1), updated(2, 'parse', 2)]);
    const cancelled = new OperationTimeline();
    cancelled.receiveAck({ snapshot: running, events: [] });
    cancelled.receiveLive({
      event: 'progress.failed',
      operationId: 'op-1',
      operationType: 'import',
      status: 'cancelled',
      progress: 20,
      error: { message: 'The operation was cancelled', code: 'CANCELLED' },
      timestamp: 1003,
      seq: 3,
    });
    const { container } = draw(cancelled.snapshot!);
    expect(container.querySelector('.lp-tracker')?.getAttribute('data-status')).toBe('cancelled');
    expect(stageStatesShown()).toEqual(['done', 'cancelled', 'pending']);
    expect(screen.getByText('(cancelled)')).toBeTruthy();
    expect(screen.queryByText('(failed)')).toBeNull();
    const notice = screen.getByRole('alert');
    expect(notice.textContent).toBe('The operation was cancelled');
    expect(notice.className).toBe('lp-tracker__cancelled');
    expect(container.querySelector('.lp-tracker__error')).toBeNull();
  });

  it('still draws a failed operation as failed', () => {
    const failed = folded(start(), [
      updated(1, 'read', 1),
      {
        event: 'progress.failed',
        operationId: 'op-1',
        operationType: 'import',
        status: 'failed',
        progress: 10,
        error: { message: 'disk full', code: 'X' },
        timestamp: 1002,
        seq: 2,
      },
    ]);
    const { container } = draw(failed);
    expect(stageStatesShown()).toEqual(['failed', 'pending', 'pending']);
    expect(screen.getByRole('alert').className).toBe('lp-tracker__error');
    expect(container.querySelector('.lp-tracker')?.getAttribute('data-status')).toBe('failed');
  });

  it('colours a cancelled bar and stage with the warning tone, a failed one with the danger tone', () => {
    const css = readFileSync(join(process.cwd(), 'src/styles.css'), 'utf8'); // vitest runs in the package directory;
    const ruleFor = (selector: string) => {
      const at = css.indexOf(`${selector} {`);
      expect(at, `a rule for ${selector}`).toBeGreaterThanOrEqual(0);
      return css.slice(at, css.indexOf('}', at));
    };
    expect(ruleFor(".lp-tracker[data-status='cancelled'] .lp-tracker__fill")).toContain('var(--lp-warning)');
    expect(ruleFor(".lp-tracker[data-status='failed'] .lp-tracker__fill")).toContain('var(--lp-danger)');
    expect(ruleFor(".lp-tracker__stage[data-state='cancelled'] .lp-tracker__stage-marker")).toContain('var(--lp-warning)');
    expect(ruleFor('.lp-tracker__cancelled')).toContain('var(--lp-warning)');
  });

  it('shows every task in its final state after the operation completed, not the last update’s 50% or Waiting', () => {
    const during: TaskSnapshot[] = [
      { id: 'a', name: 'a.csv', status: 'completed', progress: 100 },
      { id: 'b', name: 'b.csv', status: 'running', progress: 50 },
      { id: 'c', name: 'c.csv', status: 'pending', progress: 0 },
    ];
    const after = during.map((task) => ({ ...task, status: 'completed' as const, progress: 100 }));
    const done = folded(start(), [
      updated(1, 'read', 1, during),
      {
        event: 'progress.completed',
        operationId: 'op-1',
        operationType: 'import',
        status: 'completed',
        progress: 100,
        tasks: after,
        completedTasks: 3,
        totalTasks: 3,
        timestamp: 1002,
        seq: 2,
      },
    ]);
    draw(done);
    expect(taskRows().map((row) => row.getAttribute('data-status'))).toEqual(['completed', 'completed', 'completed']);
    expect(taskRows().map((row) => row.querySelector('.lp-tracker__task-status')?.textContent)).toEqual(['Done', 'Done', 'Done']);
    expect(screen.queryByText('50%')).toBeNull();
    expect(screen.queryByText('Waiting')).toBeNull();
    expect(screen.getByText('3 of 3 tasks done')).toBeTruthy();
  });

  it('shows the final task states a cancellation carries, and counts them in the details', () => {
    const during: TaskSnapshot[] = [
      { id: 'a', name: 'a.csv', status: 'running', progress: 50 },
      { id: 'b', name: 'b.csv', status: 'pending', progress: 0 },
    ];
    const final: TaskSnapshot[] = [
      { id: 'a', name: 'a.csv', status: 'completed', progress: 100 },
      { id: 'b', name: 'b.csv', status: 'failed', progress: 10, error: { message: 'stopped' } },
    ];
    const cancelled = folded(start(), [
      updated(1, 'read', 1, during),
      {
        event: 'progress.failed',
        operationId: 'op-1',
        operationType: 'import',
        status: 'cancelled',
        progress: 55,
        error: { message: 'The operation was cancelled', code: 'CANCELLED' },
        tasks: final,
        timestamp: 1002,
        seq: 2,
      },
    ]);
    draw(cancelled, { showTasks: false, showDetails: true });
    expect(screen.getByText('1 of 2 done')).toBeTruthy();
  });

  it('shows the step of the latest stage after a replay followed by a live stage change', () => {
    const timeline = new OperationTimeline();
    timeline.receiveAck({ snapshot: folded(start(), [updated(1, 'read', 1)]), events: [] });
    timeline.reset(); // the connection dropped; the operation moved on meanwhile
    timeline.beginSubscribe();
    timeline.receiveLive(updated(4, 'store', 3));
    const serverNow = folded(start(), [updated(1, 'read', 1), updated(2, 'parse', 2), updated(3, 'parse', 2)]);
    timeline.receiveAck({ snapshot: serverNow, events: [updated(2, 'parse', 2), updated(3, 'parse', 2)] });
    expect(timeline.appliedSeq).toBe(4);
    draw(timeline.snapshot!);
    expect(screen.getByText('Step 3 of 3')).toBeTruthy();
    expect(stageStatesShown()).toEqual(['done', 'done', 'current']);
  });

  it('ends the rows a failed operation left unfinished as failed (the one in progress) and skipped (the ones waiting)', () => {
    const during: TaskSnapshot[] = [
      { id: 'a', name: 'a.csv', status: 'completed', progress: 100 },
      { id: 'b', name: 'b.csv', status: 'running', progress: 50 },
      { id: 'c', name: 'c.csv', status: 'pending', progress: 0 },
    ];
    draw(ended('failed', during));
    expect(taskRows().map((row) => row.getAttribute('data-status'))).toEqual(['completed', 'failed', 'skipped']);
    expect(taskRows().map((row) => row.querySelector('.lp-tracker__task-status')?.textContent)).toEqual(['Done', 'Failed', 'Skipped']);
    expect(screen.getByRole('progressbar', { name: 'b.csv' }).getAttribute('aria-valuetext')).toBe('50% — failed');
    expect(screen.queryByText('50%')).toBeNull();
    expect(screen.getByText('1 of 3 tasks done', { exact: false })).toBeTruthy();
  });

  it('ends the rows a cancelled operation left unfinished as cancelled and skipped, in the warning tone', () => {
    const during: TaskSnapshot[] = [
      { id: 'a', name: 'a.csv', status: 'running', progress: 50 },
      { id: 'b', name: 'b.csv', status: 'pending', progress: 0 },
    ];
    draw(ended('cancelled', during));
    expect(taskRows().map((row) => row.getAttribute('data-status'))).toEqual(['cancelled', 'skipped']);
    expect(screen.queryByText('Waiting')).toBeNull();
    expect(screen.getByText('· 1 cancelled')).toBeTruthy();
    expect(screen.getByText('· 1 skipped')).toBeTruthy();
    expect(cssRule(".lp-tracker__task[data-status='cancelled'] .lp-tracker__task-fill")).toContain('var(--lp-warning)');
  });

  it('after the end shows how it ended instead of the live dot and the last progress message', () => {
    const { container } = draw(ended('cancelled', []));
    expect(screen.queryByText('Live')).toBeNull();
    expect(container.querySelector('[data-connection]')).toBeNull();
    expect(container.querySelector('.lp-tracker__state')?.textContent).toBe('Cancelled');
    expect(container.querySelector('.lp-tracker__message')?.textContent).toBe('Cancelled');
    expect(screen.queryByText('at parse')).toBeNull();
    expect(screen.getByRole('progressbar', { name: 'Import' }).getAttribute('aria-valuetext')).toBe('20% — Cancelled');
    expect(cssRule(".lp-tracker__state[data-status='cancelled']")).toContain('var(--lp-warning)');
  });

  it('keeps the live dot while the operation runs', () => {
    const { container } = draw(folded(start(), [updated(1, 'read', 1)]));
    expect(screen.getByText('Live').getAttribute('data-connection')).toBe('connected');
    expect(container.querySelector('.lp-tracker__message')?.textContent).toBe('at read');
  });

  it('shows an operation the server refused (FORBIDDEN) as not available, in words, with no progress drawn', () => {
    const { container } = render(
      <TrackerView
        config={{ operationId: 'op-1', operationType: 'import', title: 'Import', stages: STAGES }}
        snapshot={null}
        tasks={[]}
        error={new LiveProgressClientError('FORBIDDEN', 'operation.subscribe was refused (FORBIDDEN): not yours')}
        connection="connected"
        onStart={null}
        unavailable
      />,
    );
    expect(container.querySelector('.lp-tracker')?.getAttribute('data-status')).toBe('unavailable');
    expect(screen.getByText('Not available')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('You do not have permission to see this operation.');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('list', { name: 'Stages' })).toBeNull();
    expect(screen.queryByText(/Waiting|Live|0%|was refused/)).toBeNull();
  });

  it('centres the stage number in its circle on both axes', () => {
    const marker = cssRule('.lp-tracker__stage-marker');
    expect(marker).toContain('display: inline-flex');
    expect(marker).toContain('align-items: center');
    expect(marker).toContain('justify-content: center');
    expect(marker).toContain('line-height: 1;');
  });

  it('names every progress bar by what progresses: the tracker by its title, each task by its name', () => {
    draw(folded(start(), [updated(1, 'read', 1, [{ id: 'a', name: 'a.csv', status: 'running', progress: 40 }])]));
    const bars = screen.getAllByRole('progressbar');
    expect(bars).toHaveLength(2);
    for (const bar of bars) {
      expect(bar.getAttribute('aria-valuemin')).toBe('0');
      expect(bar.getAttribute('aria-valuemax')).toBe('100');
      expect(bar.getAttribute('aria-valuenow')).not.toBeNull();
    }
    expect(screen.getByRole('progressbar', { name: 'Import' })).toBe(bars[0]);
    expect(screen.getByRole('progressbar', { name: 'a.csv' })).toBe(bars[1]);
  });
});
