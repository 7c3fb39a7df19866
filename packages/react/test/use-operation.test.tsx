import { useOperation, useWebSocket, type WebSocketContextValue } from '@liveprogress/react';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { useTestServer } from './support/test-server.js';
import { LIVE, withProvider } from './support/wrapper.js';

const api = useTestServer();

function Watcher({ id, label }: { id: string; label: string }): ReactNode {
  const { status, progress } = useOperation(id);
  return <p data-testid={label}>{`${status} ${progress?.progress ?? 0}`}</p>;
}

/** Hands the test the provider's `useWebSocket()` value. */
function probe(): { Probe: () => ReactNode; ws: () => WebSocketContextValue } {
  let value: WebSocketContextValue | undefined;
  return {
    Probe: () => {
      value = useWebSocket();
      return null;
    },
    ws: () => {
      if (!value) throw new Error('Probe has not rendered');
      return value;
    },
  };
}

describe('useOperation', () => {
  it('shares one subscription between two components, and one unmounting does not starve the other', async () => {
    const token = await api.token();
    const { operationId } = await api.start(token, '/api/my-operations', { simulate: { durationMs: 1500 } });
    const { Probe, ws } = probe();
    const Wrapper = withProvider({ url: api.url, token });
    const view = (showA: boolean) => (
      <Wrapper>
        <Probe />
        {showA ? <Watcher id={operationId} label="a" /> : null}
        <Watcher id={operationId} label="b" />
      </Wrapper>
    );
    const { rerender } = render(view(true));
    await waitFor(() => expect(screen.getByTestId('a').textContent).toMatch(/^running/), LIVE);
    expect(ws().getActiveSubscriptions().operations).toEqual([expect.objectContaining({ operationId, refCount: 2, subscription: 'subscribed' })]);

    rerender(view(false));
    await act(() => Promise.resolve());
    expect(ws().getActiveSubscriptions().operations).toEqual([expect.objectContaining({ operationId, refCount: 1, subscription: 'subscribed' })]);
    const before = screen.getByTestId('b').textContent;
    await waitFor(() => expect(screen.getByTestId('b').textContent).not.toBe(before), LIVE);
    await waitFor(() => expect(screen.getByTestId('b').textContent).toBe('completed 100'), LIVE);
  });

  it('leaves exactly one subscription after a StrictMode double mount, and it stays live', async () => {
    const token = await api.token();
    const { operationId } = await api.start(token, '/api/my-operations', { simulate: { durationMs: 1200 } });
    const { Probe, ws } = probe();
    const Wrapper = withProvider({ url: api.url, token }, { strict: true });
    render(
      <Wrapper>
        <Probe />
        <Watcher id={operationId} label="op" />
      </Wrapper>,
    );
    await waitFor(() => expect(ws().getActiveSubscriptions().operations[0]?.subscription).toBe('subscribed'), LIVE);
    expect(ws().getActiveSubscriptions().operations).toEqual([expect.objectContaining({ operationId, refCount: 1 })]);
    expect(ws().status).toBe('connected');
    await waitFor(() => expect(screen.getByTestId('op').textContent).toBe('completed 100'), LIVE);
  });

  it('keeps the final state after it stops watching a finished operation', async () => {
    const token = await api.token();
    const { operationId } = await api.start(token, '/api/data/import', { simulate: { durationMs: 300 } });
    const { result } = renderHook(() => ({ op: useOperation(operationId), ws: useWebSocket() }), {
      wrapper: withProvider({ url: api.url, token }),
    });
    await waitFor(() => expect(result.current.op.status).toBe('completed'), LIVE);
    await waitFor(() => expect(result.current.ws.getActiveSubscriptions().operations).toEqual([]));
    expect(result.current.op).toMatchObject({ isTerminal: true, progress: { progress: 100, stage: 'indexing' } });
    expect(result.current.op.snapshot?.result).toEqual({ importedCount: 1000, rejectedCount: 0 });
  });

  it('waits for start() when autoStart is false, and stop() releases the subscription', async () => {
    const token = await api.token();
    const { operationId } = await api.start(token, '/api/my-operations', { simulate: { durationMs: 20_000 } });
    const { result } = renderHook(() => ({ op: useOperation(operationId, { autoStart: false }), ws: useWebSocket() }), {
      wrapper: withProvider({ url: api.url, token }),
    });
    await waitFor(() => expect(result.current.ws.isConnected).toBe(true), LIVE);
    expect(result.current.op).toMatchObject({ status: 'idle', subscription: 'idle', snapshot: null });
    expect(result.current.ws.getActiveSubscriptions().operations).toEqual([]);

    act(() => result.current.op.start());
    await waitFor(() => expect(result.current.op.status).toBe('running'), LIVE);
    act(() => result.current.op.stop());
    await waitFor(() => expect(result.current.ws.getActiveSubscriptions().operations).toEqual([]));
    expect(result.current.op.status).toBe('running');
  });

  it('reports NOT_FOUND for an operation that does not exist or belongs to someone else', async () => {
    const owner = await api.token();
    const { operationId } = await api.start(owner, '/api/my-operations', { simulate: { durationMs: 2000 } });
    const { result } = renderHook(() => ({ theirs: useOperation(operationId), missing: useOperation('no-such-operation') }), {
      wrapper: withProvider({ url: api.url, token: await api.token() }),
    });
    await waitFor(() => expect(result.current.missing.error).toMatchObject({ code: 'NOT_FOUND' }), LIVE);
    await waitFor(() => expect(result.current.theirs.error).toMatchObject({ code: 'NOT_FOUND' }), LIVE);
    expect(result.current.theirs).toMatchObject({ snapshot: null, status: 'lost', isLost: true, subscription: 'lost' });
  });
});
