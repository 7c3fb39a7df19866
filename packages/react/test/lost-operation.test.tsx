import { ProgressTracker, useLiveOperation, useOperation, useOperations } from '@liveprogress/react';
import { signToken, startLoopbackProxy, type LoopbackProxy } from '@liveprogress/test-support';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { LIVE, withProvider } from './support/wrapper.js';

// The restartable server of test/support/restartable-server.ts: only this file restarts it.
const url = inject('restartableUrl');
const control = inject('controlUrl');
const tenant = `tenant-${Math.random().toString(36).slice(2, 10)}`;
const tokenFor = (userId: string) => signToken({ sub: userId, tenantId: tenant });
const reconnectFast = { reconnection: { initialDelayMs: 50, maxDelayMs: 300, jitter: 0 } };

async function post(path: string, token?: string): Promise<Response> {
  const res = await fetch(`${control}${path}`, { method: 'POST', headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new Error(`${path} answered ${res.status}`);
  return res;
}

async function startLong(token: string): Promise<string> {
  return ((await (await post('/start', token)).json()) as { data: { operationId: string } }).data.operationId;
}

let proxy: LoopbackProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

describe('an operation the server no longer has', () => {
  it('shows as no longer available in useLiveOperation, useOperation, ProgressTracker and useOperations after the server restarts', async () => {
    const token = tokenFor('restart');
    const wrapper = withProvider({ url, token, clientOptions: reconnectFast });
    const { result } = renderHook(
      () => {
        const [state, actions] = useLiveOperation({ apiEndpoint: `${control}/start`, operationType: 'generic', operationName: 'Long report' });
        return { state, actions, watched: useOperation(state.operationId), list: useOperations({ operationType: 'generic' }) };
      },
      { wrapper },
    );
    await act(() => result.current.actions.execute({}));
    const operationId = result.current.state.operationId!;
    render(<ProgressTracker config={{ operationId, operationType: 'generic', title: 'Long report', estimatedDuration: 60_000 }} />, { wrapper });
    await waitFor(() => expect(result.current.state.status).toBe('running'), LIVE);
    await waitFor(() => expect(result.current.list.operations.map((op) => op.operationId)).toEqual([operationId]), LIVE);
    await waitFor(() => expect(screen.getByText('Live')).toBeTruthy(), LIVE);
    await waitFor(() => expect(screen.getByText(/left$/)).toBeTruthy(), LIVE);

    await post('/restart');

    await waitFor(() => expect(result.current.state.status).toBe('lost'), LIVE);
    expect(result.current.state.isLoading).toBe(false);
    expect(result.current.state.error).toMatchObject({ code: 'NOT_FOUND' });
    expect(result.current.watched).toMatchObject({ status: 'lost', isLost: true, subscription: 'lost' });
    // The list drops it: the restarted server lists nothing, and the lost row is not kept from before.
    await waitFor(() => expect(result.current.list.operations).toEqual([]), LIVE);
    // The tracker: a plain notice, no live dot, no estimate, no raw refusal text.
    await waitFor(() => expect(screen.getByText('No longer available')).toBeTruthy(), LIVE);
    const tracker = document.querySelector('.lp-tracker')!;
    expect(tracker.getAttribute('data-status')).toBe('lost');
    expect(screen.queryByText('Live')).toBeNull();
    expect(screen.queryByText(/left$|Elapsed/)).toBeNull();
    expect(screen.getByRole('status').textContent).toMatch(/no longer available/);
    expect(screen.queryByText(/NOT_FOUND/)).toBeNull();
    // Nothing to cancel any more.
    expect(await act(() => result.current.actions.cancel())).toBe(false);
  }, 30_000);

  it('shows as no longer available when operation.deleted arrives', async () => {
    const token = tokenFor('deleted');
    const operationId = await startLong(token);
    const { result } = renderHook(() => useOperation(operationId), { wrapper: withProvider({ url, token }) });
    await waitFor(() => expect(result.current.subscription).toBe('subscribed'), LIVE);
    await post(`/deleted?operationId=${encodeURIComponent(operationId)}`);
    await waitFor(() => expect(result.current.status).toBe('lost'), LIVE);
    expect(result.current.error?.message).toMatch(/deleted/);
    // Its last known state stays on screen.
    expect(result.current.snapshot?.progress).toBe(10);
  });

  it('freezes the estimate and says it is reconnecting while the server cannot be reached', async () => {
    const token = tokenFor('offline');
    const operationId = await startLong(token);
    proxy = await startLoopbackProxy(url);
    render(<ProgressTracker config={{ operationId, operationType: 'generic', title: 'Long report' }} />, {
      wrapper: withProvider({ url: proxy.url, token, clientOptions: { reconnection: { initialDelayMs: 3000, jitter: 0 } } }),
    });
    await waitFor(() => expect(screen.getByText(/about .+ left$/)).toBeTruthy(), LIVE);
    proxy.drop(5000);
    await waitFor(() => expect(screen.getByText('Reconnecting…')).toBeTruthy(), LIVE);
    const time = document.querySelector('.lp-tracker__time')!;
    expect(time.textContent).toMatch(/estimate paused while reconnecting$/);
    const frozen = time.textContent;
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // No countdown and no clock while nothing is known.
    expect(time.textContent).toBe(frozen);
    await waitFor(() => expect(screen.getByText('Live')).toBeTruthy(), { timeout: 15_000 });
    await waitFor(() => expect(time.textContent).toMatch(/left$/), LIVE);
  }, 30_000);
});
