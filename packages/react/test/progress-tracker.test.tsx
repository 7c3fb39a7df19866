import { ProgressTracker, WebSocketProvider, type ProgressConfig, type ProgressTrackerProps } from '@liveprogress/react';
import type { CSSProperties } from 'react';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { sleep } from '@liveprogress/test-support';
import { describe, expect, it, vi } from 'vitest';
import { useTestServer } from './support/test-server.js';
import { LIVE, withProvider } from './support/wrapper.js';

const api = useTestServer();

const IMPORT_STAGES = [
  { id: 'validation', name: 'Validation', description: 'Validating file format', order: 1 },
  { id: 'processing', name: 'Processing', description: 'Processing records', order: 2 },
  { id: 'storing', name: 'Storing', description: 'Storing in database', order: 3 },
  { id: 'indexing', name: 'Indexing', description: 'Building search index', order: 4 },
];

const stageStates = () =>
  within(screen.getByRole('list', { name: 'Stages' }))
    .getAllByRole('listitem')
    .map((item) => item.getAttribute('data-state'));

async function track(body: Record<string, unknown>, config: Partial<ProgressConfig> = {}, props: Omit<ProgressTrackerProps, 'config'> = {}) {
  const token = await api.token();
  const { operationId, estimatedDuration } = await api.start(token, '/api/data/import', body);
  const view = render(
    <ProgressTracker
      config={{ operationId, operationType: 'data_import', title: 'Importing customers', stages: IMPORT_STAGES, estimatedDuration, ...config }}
      {...props}
    />,
    { wrapper: withProvider({ url: api.url, token }) },
  );
  return { operationId, ...view };
}

describe('ProgressTracker', () => {
  it('names its progress bar by the title and reports live values from 0 to 100', async () => {
    await track({ simulate: { durationMs: 3000 } }, { description: 'From customers.csv', showDetails: true });
    const bar = screen.getByRole('progressbar', { name: 'Importing customers' });
    expect(bar.getAttribute('aria-valuemin')).toBe('0');
    expect(bar.getAttribute('aria-valuemax')).toBe('100');
    expect(screen.getByText('From customers.csv')).toBeTruthy();

    // Read together while it runs: on a loaded machine it may end soon after.
    await waitFor(() => {
      const now = Number(bar.getAttribute('aria-valuenow'));
      expect(now).toBeGreaterThan(0);
      expect(now).toBeLessThan(100);
      expect(bar.getAttribute('aria-valuetext')).toMatch(/^\d+% — .+\.\.\.$/);
      expect(within(screen.getByRole('list', { name: 'Stages' })).getByRole('listitem', { current: 'step' })).toBeTruthy();
      expect(screen.getByText('Live')).toBeTruthy();
    }, LIVE);
    expect(screen.getByText(/^Elapsed /)).toBeTruthy();

    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('100'), LIVE);
    await waitFor(() => expect(stageStates()).toEqual(['done', 'done', 'done', 'done']), LIVE);
    expect(screen.getByText('100%')).toBeTruthy();
    // showDetails: the import's own details.
    expect(screen.getByText('Processed count').nextElementSibling?.textContent).toBe((1000).toLocaleString());
    // After the end nothing more comes live: the live dot gives way to how it ended.
    expect(screen.queryByText('Live')).toBeNull();
    expect(document.querySelector('.lp-tracker__state')?.textContent).toBe('Completed');
  });

  it('marks the stage it failed in, keeps earlier ones done and later ones pending, and shows the error', async () => {
    const { container } = await track({ simulate: { durationMs: 800, failAtStage: 'storing' } });
    await waitFor(() => expect(stageStates()).toEqual(['done', 'done', 'failed', 'pending']), LIVE);
    expect(screen.getByRole('alert').textContent).toMatch(/storing/);
    expect(Number(screen.getByRole('progressbar').getAttribute('aria-valuenow'))).toBeLessThan(100);
    expect(container.querySelector('.lp-tracker')?.getAttribute('data-status')).toBe('failed');
    expect(screen.getByText(/\(failed\)/).textContent).toBe(' (failed)');
  });

  it('takes a className and inline CSS variables for theming, and hides what it is told to', async () => {
    const style = { '--lp-accent': 'rebeccapurple' } as CSSProperties;
    const { container } = await track({ simulate: { durationMs: 300 } }, { showStages: false, showTimeEstimate: false }, { className: 'dark', style });
    const root = container.querySelector('section');
    expect(root?.className).toBe('lp-tracker dark');
    expect(root?.style.getPropertyValue('--lp-accent')).toBe('rebeccapurple');
    expect(root?.getAttribute('data-operation-type')).toBe('data_import');
    await waitFor(() => expect(root?.getAttribute('data-status')).toBe('completed'), LIVE);
    expect(screen.queryByRole('list', { name: 'Stages' })).toBeNull();
    expect(screen.queryByText(/^Elapsed /)).toBeNull();
  });

  it('waits for a click before tracking when autoStart is false', async () => {
    await track({ simulate: { durationMs: 400 } }, { autoStart: false });
    const bar = screen.getByRole('progressbar', { name: 'Importing customers' });
    await sleep(300);
    expect(bar.getAttribute('aria-valuenow')).toBe('0');
    act(() => screen.getByRole('button', { name: 'Track progress' }).click());
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('100'), LIVE);
    expect(screen.queryByRole('button', { name: 'Track progress' })).toBeNull();
  });

  it('hydrates its server-rendered markup without a mismatch, then goes live', async () => {
    const token = await api.token();
    const { operationId } = await api.start(token, '/api/data/import', { simulate: { durationMs: 400 } });
    const app = (
      <WebSocketProvider url={api.url} token={token}>
        <ProgressTracker config={{ operationId, operationType: 'data_import', title: 'Hydrated import', stages: IMPORT_STAGES }} />
      </WebSocketProvider>
    );
    const host = document.body.appendChild(document.createElement('div'));
    host.innerHTML = renderToString(app);
    const onRecoverableError = vi.fn();
    const root = await act(async () => hydrateRoot(host, app, { onRecoverableError }));
    const bar = within(host).getByRole('progressbar', { name: 'Hydrated import' });
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('100'), LIVE);
    expect(onRecoverableError).not.toHaveBeenCalled();
    act(() => root.unmount());
    host.remove();
  });
});
