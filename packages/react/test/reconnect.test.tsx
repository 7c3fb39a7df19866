import { useLiveOperation, useOperation, useWebSocket, type ConnectionStatus } from '@liveprogress/react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { type LoopbackProxy, sleep, startLoopbackProxy } from '@liveprogress/test-support';
import { useTestServer } from './support/test-server.js';
import { LIVE, withProvider } from './support/wrapper.js';

const api = useTestServer();
let proxy: LoopbackProxy | undefined;
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

/** Follows an operation with `useLiveOperation`, and reads `recovered` through a second watcher of the same id. */
function useFollowed(seqs: number[], heardAt: number[] = []) {
  const [state, actions] = useLiveOperation<{ simulate: { durationMs: number } }>({
    apiEndpoint: '/api/my-operations',
    operationType: 'generic',
    operationName: 'Reconnect test',
    onProgress: (p) => {
      seqs.push(p.seq);
      heardAt.push(performance.now());
    },
  });
  const watcher = useOperation(state.operationId);
  const ws = useWebSocket();
  return { state, actions, watcher, ws };
}

function expectContiguous(seqs: number[]): void {
  expect(seqs.length).toBeGreaterThan(0);
  expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => seqs[0]! + i));
}

describe('a dropped connection', () => {
  it('recovers the events missed while the network was down', async () => {
    proxy = await startLoopbackProxy(api.url);
    const seqs: number[] = [];
    const heardAt: number[] = [];
    const statuses = new Set<ConnectionStatus>();
    const { result } = renderHook(
      () => {
        const followed = useFollowed(seqs, heardAt);
        statuses.add(followed.ws.status);
        return followed;
      },
      // The socket goes through the proxy; the start request goes straight to the API.
      { wrapper: withProvider({ url: proxy.url, apiUrl: api.url, token: await api.token() }) },
    );
    await waitFor(() => expect(result.current.ws.status).toBe('connected'), LIVE);
    await act(() => result.current.actions.execute({ simulate: { durationMs: 4000 } }));
    await waitFor(() => expect(seqs.length).toBeGreaterThanOrEqual(3), LIVE);

    const heardBeforeDrop = seqs.length;
    proxy.drop();
    await waitFor(() => expect(result.current.ws.status).toBe('reconnecting'), LIVE);
    await waitFor(() => expect(result.current.ws.status).toBe('connected'), LIVE);
    await waitFor(() => expect(result.current.state.status).toBe('completed'), LIVE);

    expect(statuses).toContain('reconnecting');
    expect(result.current.watcher.recovered).toBe(true);
    expect(seqs.length).toBeGreaterThan(heardBeforeDrop);
    expectContiguous(seqs);
    // The outage shows as one long silence, after which the missed updates arrive together (the replay).
    const gaps = heardAt.slice(1).map((at, i) => at - heardAt[i]!);
    const outage = gaps.indexOf(Math.max(...gaps));
    expect(gaps[outage]).toBeGreaterThan(400);
    expect(gaps[outage + 1]).toBeLessThan(50);
    // The terminal event follows the last update directly: nothing was skipped at the end either.
    expect(result.current.state.snapshot?.seq).toBe(seqs.at(-1)! + 1);
  });

  it('recovers the events missed between disconnect() and connect()', async () => {
    const seqs: number[] = [];
    const { result } = renderHook(() => useFollowed(seqs), { wrapper: withProvider({ url: api.url, token: await api.token() }) });
    await act(() => result.current.actions.execute({ simulate: { durationMs: 3000 } }));
    await waitFor(() => expect(seqs.length).toBeGreaterThanOrEqual(2), LIVE);

    act(() => result.current.ws.disconnect());
    expect(result.current.ws.status).toBe('disconnected');
    const heard = seqs.length;
    await sleep(800);
    expect(seqs.length).toBe(heard);
    act(() => result.current.ws.connect());

    await waitFor(() => expect(result.current.state.status).toBe('completed'), LIVE);
    expect(result.current.watcher.recovered).toBe(true);
    expectContiguous(seqs);
  });
});
