import { ProgressTracker, useOperation } from '@liveprogress/react';
import { render, renderHook, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useTestServer } from './support/test-server.js';
import { LIVE, withProvider } from './support/wrapper.js';

// The tracker after the end, against the real test server: a cancelled or failed batch's
// unfinished items take the operation's end, and an operation the server will not send
// is "not available", with no progress drawn at all.

const api = useTestServer();

const BATCH_STAGES = [
  { id: 'preparing', name: 'Preparing', order: 1 },
  { id: 'processing', name: 'Processing', order: 2 },
  { id: 'finalizing', name: 'Finalizing', order: 3 },
];

async function trackBatch(body: Record<string, unknown>) {
  const token = api.token();
  const { operationId } = await api.start(token, '/api/batch/process', body);
  const view = render(<ProgressTracker config={{ operationId, operationType: 'batch_process', title: 'Batch', stages: BATCH_STAGES, taskLabel: 'items' }} />, {
    wrapper: withProvider({ url: api.url, token }),
  });
  const tracker = () => view.container.querySelector('.lp-tracker')!;
  return { operationId, token, tracker };
}

const rowStates = () =>
  within(screen.getByRole('list', { name: 'Tasks' }))
    .getAllByRole('listitem')
    .map((row) => row.getAttribute('data-status'));

describe('ProgressTracker after the end, against the real server', () => {
  it('draws a cancelled batch as cancelled: no failure colours, no live dot, and no item left running or waiting', async () => {
    const { operationId, token, tracker } = await trackBatch({ items: 12, simulate: { durationMs: 20_000 } });
    await waitFor(() => expect(rowStates()).toContain('running'), LIVE);
    expect(screen.getByText('Live')).toBeTruthy();

    const res = await fetch(`${api.url}/api/v1/operations/${operationId}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(res.ok).toBe(true);

    await waitFor(() => expect(tracker().getAttribute('data-status')).toBe('cancelled'), LIVE);
    expect(tracker().querySelector('.lp-tracker__state')?.textContent).toBe('Cancelled');
    expect(screen.queryByText('Live')).toBeNull();
    expect(tracker().querySelector('.lp-tracker__message')?.textContent).toBe('Cancelled');
    expect(tracker().querySelector('.lp-tracker__error')).toBeNull();
    expect(tracker().querySelectorAll('[data-state="failed"]')).toHaveLength(0);
    expect(tracker().querySelectorAll('[data-state="cancelled"]')).toHaveLength(1);
    const states = rowStates();
    expect(states).not.toContain('running');
    expect(states).not.toContain('pending');
    expect(states).not.toContain('failed');
    expect(states).toContain('skipped');
    // Every row's bar is named by its item and says its final state.
    const bar = screen.getByRole('progressbar', { name: 'Item 12' });
    expect(bar.getAttribute('aria-valuetext')).toMatch(/— skipped$/);
    expect(screen.getByText(/^· \d+ skipped$/)).toBeTruthy();
  });

  it("ends a failed batch's unfinished items as failed or skipped, never still running", async () => {
    const { tracker } = await trackBatch({ items: 12, simulate: { durationMs: 1500, failAtStage: 'processing' } });
    await waitFor(() => expect(tracker().getAttribute('data-status')).toBe('failed'), LIVE);
    const states = rowStates();
    expect(states).not.toContain('running');
    expect(states).not.toContain('pending');
    expect(states.filter((state) => state === 'skipped').length).toBeGreaterThan(0);
    expect(tracker().querySelector('.lp-tracker__state')?.textContent).toBe('Failed');
    expect(screen.queryByText('Live')).toBeNull();
    expect(screen.queryByText('Waiting')).toBeNull();
    expect(screen.queryByText(/^\d+%$/, { selector: '.lp-tracker__task-status' })).toBeNull();
  });

  it('shows an operation this user may not see as not available: no bar, no stages, no live dot, no raw refusal', async () => {
    const owner = api.token();
    const { operationId } = await api.start(owner, '/api/batch/process', { items: 3, simulate: { durationMs: 20_000 } });
    const stranger = api.token('someone-else', `${api.tenant}-other`);
    const { container } = render(<ProgressTracker config={{ operationId, operationType: 'batch_process', title: 'Batch', stages: BATCH_STAGES }} />, {
      wrapper: withProvider({ url: api.url, token: stranger }),
    });
    await waitFor(() => expect(screen.getByText('Not available')).toBeTruthy(), LIVE);
    expect(screen.getByRole('status').textContent).toMatch(/you may not see it/);
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByRole('list', { name: 'Stages' })).toBeNull();
    expect(screen.queryByText('Live')).toBeNull();
    expect(screen.queryByText(/Waiting/)).toBeNull();
    expect(screen.queryByText(/NOT_FOUND|was refused/)).toBeNull();
    expect(container.querySelector('.lp-tracker')?.getAttribute('data-status')).toBe('lost');
  });

  it('shows an operation the server refuses outright (not NOT_FOUND) as not available, and useOperation says so', async () => {
    const token = api.token();
    // An id longer than the protocol allows: the server refuses the subscribe as INVALID_PAYLOAD.
    const refused = 'x'.repeat(300);
    const wrapper = withProvider({ url: api.url, token });
    const hook = renderHook(() => useOperation(refused), { wrapper });
    await waitFor(() => expect(hook.result.current.subscription).toBe('error'), LIVE);
    expect(hook.result.current).toMatchObject({ isUnavailable: true, isLost: false, snapshot: null });

    const { container } = render(<ProgressTracker config={{ operationId: refused, operationType: 'batch_process', title: 'Batch' }} />, { wrapper });
    await waitFor(() => expect(container.querySelector('.lp-tracker')?.getAttribute('data-status')).toBe('unavailable'), LIVE);
    expect(screen.getByText('Not available')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('This operation cannot be shown: the server did not send it.');
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(screen.queryByText('Live')).toBeNull();
    expect(screen.queryByText(/INVALID_PAYLOAD|was refused/)).toBeNull();
  });
});
