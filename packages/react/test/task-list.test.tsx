import { ProgressTracker, useOperation, type ProgressConfig, type TaskSnapshot, type UseOperationResult } from '@liveprogress/react';
import { render, renderHook, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { TrackerTasks } from '../src/tracker-tasks.js';
import { useTestServer } from './support/test-server.js';
import { LIVE, withProvider } from './support/wrapper.js';

const api = useTestServer();
const FILES = ['report.pdf', 'photo.jpg', 'data.csv'];

const taskList = () => screen.getByRole('list', { name: 'Tasks' });
const rows = () => within(taskList()).getAllByRole('listitem');
const rowStatuses = () => rows().map((row) => row.getAttribute('data-status'));
const taskBar = (name: string) => within(taskList()).getByRole('progressbar', { name });

async function track(path: string, body: Record<string, unknown>, config: Partial<ProgressConfig>) {
  const token = await api.token();
  const { operationId } = await api.start(token, path, body);
  const view = render(<ProgressTracker config={{ operationId, operationType: 'demo', title: 'Tracked work', ...config }} />, {
    wrapper: withProvider({ url: api.url, token }),
  });
  return { operationId, ...view };
}

describe('useOperation and tasks', () => {
  it("exposes the upload's files as tasks, their counts and the step, up to all completed", async () => {
    const token = await api.token();
    const { operationId } = await api.start(token, '/api/files/upload', { simulate: { durationMs: 2500 } });
    const seen: Array<Pick<UseOperationResult, 'tasks' | 'completedTasks' | 'totalTasks' | 'step' | 'totalSteps'>> = [];
    const { result } = renderHook(
      () => {
        const op = useOperation(operationId);
        seen.push({ tasks: op.tasks, completedTasks: op.completedTasks, totalTasks: op.totalTasks, step: op.step, totalSteps: op.totalSteps });
        return op;
      },
      { wrapper: withProvider({ url: api.url, token }) },
    );
    await waitFor(() => expect(result.current.status).toBe('completed'), LIVE);

    const final = result.current;
    expect(final.tasks.map((task) => [task.name, task.status, task.progress])).toEqual(FILES.map((name) => [name, 'completed', 100]));
    expect(final).toMatchObject({ completedTasks: 3, totalTasks: 3, step: 4, totalSteps: 4 });
    expect(final.progress).toMatchObject({ completedTasks: 3, totalTasks: 3, step: 4, totalSteps: 4 });

    const withTasks = seen.filter((view) => view.totalTasks > 0);
    const completed = withTasks.map((view) => view.completedTasks);
    expect(completed).toEqual([...completed].sort((a, b) => a - b));
    expect(completed.some((n) => n > 0 && n < 3)).toBe(true);
    const steps = seen.flatMap((view) => (view.step === null ? [] : [view.step]));
    // Which steps a render catches depends on when the subscription lands (a loaded machine may
    // land it in step 2); the steps seen only ever go forward, through more than one, to step 4.
    expect(new Set(steps).size).toBeGreaterThanOrEqual(2);
    expect(steps.at(-1)).toBe(4);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(seen.every((view) => view.totalSteps === null || view.totalSteps === 4)).toBe(true);
  });

  it('keeps the task list, and each task, the same object while it does not change', async () => {
    const token = await api.token();
    const { operationId } = await api.start(token, '/api/batch/process', { items: 3, simulate: { durationMs: 1500 } });
    const lists: Array<readonly TaskSnapshot[]> = [];
    const { result } = renderHook(
      () => {
        const op = useOperation(operationId);
        if (op.tasks !== lists.at(-1)) lists.push(op.tasks);
        return op;
      },
      { wrapper: withProvider({ url: api.url, token }) },
    );
    await waitFor(() => expect(result.current.status).toBe('completed'), LIVE);
    // Every update re-sends all tasks; a new list is handed out only when one of them changed.
    const contents = lists.map((tasks) => JSON.stringify(tasks));
    for (let i = 1; i < lists.length; i++) {
      expect(contents[i], `list ${i} is new but equal to the one before`).not.toBe(contents[i - 1]);
      for (const task of lists[i]!) {
        const before = lists[i - 1]!.find((t) => t.id === task.id);
        if (before && JSON.stringify(before) === JSON.stringify(task)) expect(task).toBe(before);
      }
    }
    expect(lists.length).toBeGreaterThan(2);
    // The rest of the hook's result changed far more often than the tasks did.
    expect(result.current.progress?.seq).toBeGreaterThan(lists.length);
  });
});

describe('ProgressTracker task list', () => {
  it('shows one row per uploaded file, each with its own bar, and the summary up to completion', async () => {
    await track('/api/files/upload', { simulate: { durationMs: 3000 } }, { operationType: 'file_upload', title: 'Uploading', taskLabel: 'files' });
    await waitFor(() => expect(rows()).toHaveLength(3), LIVE);
    expect(rows().map((row) => row.querySelector('.lp-tracker__task-name')?.textContent)).toEqual(FILES);
    for (const name of FILES) {
      const bar = taskBar(name);
      expect(bar.getAttribute('aria-valuemin')).toBe('0');
      expect(bar.getAttribute('aria-valuemax')).toBe('100');
    }
    // Mid-way: a file being worked on, at 50%, while the others wait or are done.
    await waitFor(() => expect(rowStatuses()).toContain('running'), LIVE);
    const running = rows().find((row) => row.getAttribute('data-status') === 'running')!;
    expect(within(running).getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50');
    expect(within(running).getByRole('progressbar').getAttribute('aria-valuetext')).toBe('50% — in progress');
    await waitFor(() => expect(screen.getByText(/^Step [1-3] of 4$/)).toBeTruthy(), LIVE);

    await waitFor(() => expect(rowStatuses()).toEqual(['completed', 'completed', 'completed']), LIVE);
    for (const name of FILES) expect(taskBar(name).getAttribute('aria-valuenow')).toBe('100');
    expect(screen.getByText('3 of 3 files done')).toBeTruthy();
    await waitFor(() => expect(screen.getByRole('progressbar', { name: 'Uploading' }).getAttribute('aria-valuenow')).toBe('100'), LIVE);
    expect(screen.getByText('Step 4 of 4')).toBeTruthy();
    expect(within(taskList()).getAllByText('Done')).toHaveLength(3);
  });

  it('shows one row per batch item and counts them done', async () => {
    const { container } = await track(
      '/api/batch/process',
      { items: 4, simulate: { durationMs: 1200 } },
      { operationType: 'batch_process', title: 'Batch', taskLabel: 'items' },
    );
    await waitFor(() => expect(rows()).toHaveLength(4), LIVE);
    await waitFor(() => expect(screen.getByText(/^[0-3] of 4 items done$/)).toBeTruthy(), LIVE);
    await waitFor(() => expect(container.querySelector('.lp-tracker')?.getAttribute('data-status')).toBe('completed'), LIVE);
    expect(screen.getByText('4 of 4 items done')).toBeTruthy();
    expect(rowStatuses()).toEqual(['completed', 'completed', 'completed', 'completed']);
    for (const name of ['Item 1', 'Item 2', 'Item 3', 'Item 4']) expect(taskBar(name).getAttribute('aria-valuenow')).toBe('100');
    expect(screen.getByText('Step 3 of 3')).toBeTruthy();
  });

  it('keeps the rows of an upload that failed where each file stood', async () => {
    const { container } = await track(
      '/api/files/upload',
      { simulate: { durationMs: 1500, failAtStage: 'processing' } },
      { operationType: 'file_upload', title: 'Uploading', taskLabel: 'files' },
    );
    await waitFor(() => expect(container.querySelector('.lp-tracker')?.getAttribute('data-status')).toBe('failed'), LIVE);
    expect(rows()).toHaveLength(3);
    expect(rowStatuses()).not.toEqual(['completed', 'completed', 'completed']);
    expect(screen.getByText(/^[0-2] of 3 files done$/)).toBeTruthy();
    expect(screen.getByText('Step 3 of 4')).toBeTruthy();
  });

  it('hides the task list with showTasks: false, leaving the count to the details', async () => {
    const { container } = await track(
      '/api/batch/process',
      { items: 2, simulate: { durationMs: 300 } },
      { operationType: 'batch_process', title: 'Batch', showTasks: false, showDetails: true },
    );
    await waitFor(() => expect(container.querySelector('.lp-tracker')?.getAttribute('data-status')).toBe('completed'), LIVE);
    expect(screen.queryByRole('list', { name: 'Tasks' })).toBeNull();
    expect(screen.getAllByRole('progressbar')).toHaveLength(1);
    expect(screen.getByText('Tasks').nextElementSibling?.textContent).toBe('2 of 2 done');
  });

  it("shows no task list for an operation without tasks, and the step from the server's stages", async () => {
    const token = await api.token();
    const { operationId } = await api.start(token, '/api/data/import', { simulate: { durationMs: 200 } });
    const { container } = render(<ProgressTracker config={{ operationId, operationType: 'data_import', title: 'Import', stages: [] }} />, {
      wrapper: withProvider({ url: api.url, token }),
    });
    await waitFor(() => expect(container.querySelector('.lp-tracker')?.getAttribute('data-status')).toBe('completed'), LIVE);
    expect(screen.queryByRole('list', { name: 'Tasks' })).toBeNull();
    // The import has stages on the server, so its step is shown; its tasks list is not, having none.
    expect(screen.getByText('Step 4 of 4')).toBeTruthy();
  });
});

describe('TrackerTasks', () => {
  const task = (patch: Partial<TaskSnapshot> & Pick<TaskSnapshot, 'id' | 'status' | 'progress'>): TaskSnapshot => ({ name: patch.id, ...patch });

  it("shows a failed task's error once, its bar where it stopped, and the failures in the summary", () => {
    render(
      <TrackerTasks
        label="files"
        tasks={[
          task({ id: 'a.csv', status: 'completed', progress: 100, output: { rows: 10 } }),
          task({ id: 'b.csv', status: 'failed', progress: 40, message: 'Bad header', error: { message: 'Bad header', code: 'PARSE' } }),
          task({ id: 'c.csv', status: 'running', progress: 12.6, message: 'Reading…' }),
          task({ id: 'd.csv', status: 'pending', progress: 0 }),
        ]}
      />,
    );
    expect(screen.getByText('1 of 4 files done')).toBeTruthy();
    expect(screen.getByText('· 1 failed')).toBeTruthy();
    expect(rowStatuses()).toEqual(['completed', 'failed', 'running', 'pending']);
    expect(screen.getAllByText('Bad header')).toHaveLength(1);
    expect(screen.getByText('Bad header').className).toBe('lp-tracker__task-error');
    expect(taskBar('b.csv').getAttribute('aria-valuenow')).toBe('40');
    expect(taskBar('b.csv').getAttribute('aria-valuetext')).toBe('40% — failed');
    expect(taskBar('c.csv').getAttribute('aria-valuenow')).toBe('13');
    expect(within(rows()[2]!).getByText('13%')).toBeTruthy();
    expect(within(rows()[2]!).getByText('Reading…').className).toBe('lp-tracker__task-message');
    expect(within(rows()[3]!).getByText('Waiting')).toBeTruthy();
    expect(taskList().getAttribute('aria-describedby')).toBe(screen.getByText('1 of 4 files done').id);
  });
});
