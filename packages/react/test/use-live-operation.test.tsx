import { OperationFailedError, OperationRequestError, useLiveOperation, useWebSocket, type OperationConfig, type OperationProgress } from '@liveprogress/react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { useTestServer } from './support/test-server.js';
import { LIVE, withProvider } from './support/wrapper.js';

const api = useTestServer();

interface DemoRequest {
  name?: string;
  simulate?: { durationMs?: number; failAtStage?: string };
}

const base: OperationConfig<DemoRequest> = {
  apiEndpoint: '/api/my-operations',
  operationType: 'generic',
  operationName: 'Report',
};

describe('useLiveOperation', () => {
  it('starts an operation over HTTP and follows it to completion', async () => {
    const calls: string[] = [];
    const progress: OperationProgress[] = [];
    const onComplete = vi.fn(() => calls.push('complete'));
    const onError = vi.fn();
    const onToast = vi.fn();
    const { result } = renderHook(
      () =>
        useLiveOperation<DemoRequest>({
          ...base,
          enableToasts: true,
          successMessage: 'Report ready',
          onStart: () => calls.push('start'),
          onProgress: (p) => progress.push(p),
          onComplete,
          onError,
          onToast,
        }),
      { wrapper: withProvider({ url: api.url, token: await api.token() }) },
    );
    expect(result.current[0]).toMatchObject({ status: 'idle', isLoading: false, operationId: null, progress: null });

    let response: unknown;
    await act(async () => {
      response = await result.current[1].execute({ name: 'Quarterly report', simulate: { durationMs: 800 } });
    });
    expect(response).toMatchObject({ operationId: expect.any(String), estimatedDuration: 800 });
    expect(result.current[0].operationId).toBe((response as { operationId: string }).operationId);
    expect(result.current[0].isLoading).toBe(true);

    await waitFor(() => expect(result.current[0].status).toBe('completed'), LIVE);
    const [state] = result.current;
    expect(state.isLoading).toBe(false);
    expect(state.error).toBeNull();
    expect(state.progress).toMatchObject({ progress: 100, status: 'completed', operationType: 'generic' });
    expect(state.result).toMatchObject({ processedCount: 500 });
    expect(state.snapshot?.name).toBe('Quarterly report');
    expect(onComplete).toHaveBeenCalledTimes(1);
    expect(onComplete).toHaveBeenCalledWith(state.result, state.snapshot);
    expect(onError).not.toHaveBeenCalled();
    expect(calls).toEqual(['start', 'complete']);
    // Said with what completed, not with the last progress line ("Finalizing operation..."), stale once the work is done.
    expect(onToast).toHaveBeenCalledWith(
      expect.objectContaining({ source: 'operation', type: 'success', title: 'Report ready', message: 'Quarterly report', operationId: state.operationId }),
    );
    expect(state.snapshot?.message).toBe('Finalizing operation...');
    // Every update the hook heard, in order, once each.
    expect(progress.length).toBeGreaterThan(5);
    const seqs = progress.map((p) => p.seq);
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(progress.map((p) => p.stage)).toContain('validation');
  });

  it('reports a failed operation with its stage, error and no later stage', async () => {
    const onError = vi.fn();
    const onComplete = vi.fn();
    const stages: (string | null)[] = [];
    const { result } = renderHook(() => useLiveOperation<DemoRequest>({ ...base, onError, onComplete, onProgress: (p) => stages.push(p.stage) }), {
      wrapper: withProvider({ url: api.url, token: await api.token() }),
    });
    await act(() => result.current[1].execute({ simulate: { durationMs: 600, failAtStage: 'validation' } }));
    await waitFor(() => expect(result.current[0].status).toBe('failed'), LIVE);

    const [state] = result.current;
    expect(state.isLoading).toBe(false);
    expect(state.error).toBeInstanceOf(OperationFailedError);
    expect(state.error?.message).toMatch(/validation/);
    expect(state.snapshot?.stage).toBe('validation');
    expect(state.progress?.progress).toBeLessThan(100);
    expect(state.result).toBeNull();
    expect(onError).toHaveBeenCalledTimes(1);
    expect(onError).toHaveBeenCalledWith(state.error);
    expect(onComplete).not.toHaveBeenCalled();
    expect(stages).not.toContain('completion');
  });

  it('turns a refused start request into an OperationRequestError with the server code', async () => {
    const onError = vi.fn();
    const { result } = renderHook(() => useLiveOperation<DemoRequest>({ ...base, onError }), {
      wrapper: withProvider({ url: api.url, token: await api.token() }),
    });
    let response: unknown = 'unset';
    await act(async () => {
      response = await result.current[1].execute({ simulate: { failAtStage: 'no-such-stage' } });
    });
    expect(response).toBeNull();
    const [state] = result.current;
    expect(state).toMatchObject({ status: 'failed', isLoading: false, operationId: null });
    expect(state.error).toBeInstanceOf(OperationRequestError);
    expect(state.error).toMatchObject({ status: 400, code: 'INVALID_PAYLOAD' });
    expect(onError).toHaveBeenCalledWith(state.error);
  });

  it('sends the bearer token, so a request without one is refused with 401', async () => {
    const { result } = renderHook(() => useLiveOperation<DemoRequest>(base), {
      wrapper: withProvider({ url: api.url, autoConnect: false }),
    });
    await act(() => result.current[1].execute({}));
    expect(result.current[0].error).toMatchObject({ status: 401 });
  });

  it('cancels a running operation', async () => {
    const onError = vi.fn();
    const { result } = renderHook(() => useLiveOperation<DemoRequest>({ ...base, onError }), {
      wrapper: withProvider({ url: api.url, token: await api.token() }),
    });
    await act(() => result.current[1].execute({ simulate: { durationMs: 20_000 } }));
    await waitFor(() => expect(result.current[0].status).toBe('running'), LIVE);
    let accepted = false;
    await act(async () => {
      accepted = await result.current[1].cancel();
    });
    expect(accepted).toBe(true);
    await waitFor(() => expect(result.current[0].status).toBe('cancelled'), LIVE);
    expect(result.current[0].error).toMatchObject({ code: 'CANCELLED', status: 'cancelled' });
    expect(onError).toHaveBeenCalledTimes(1);
  });

  it('returns to idle on reset and forgets the operation', async () => {
    const { result } = renderHook(() => ({ op: useLiveOperation<DemoRequest>(base), ws: useWebSocket() }), {
      wrapper: withProvider({ url: api.url, token: await api.token() }),
    });
    await act(() => result.current.op[1].execute({ simulate: { durationMs: 20_000 } }));
    await waitFor(() => expect(result.current.ws.getActiveSubscriptions().operations).toHaveLength(1), LIVE);
    act(() => result.current.op[1].reset());
    expect(result.current.op[0]).toMatchObject({ status: 'idle', operationId: null, isLoading: false, progress: null });
    await waitFor(() => expect(result.current.ws.getActiveSubscriptions().operations).toHaveLength(0));
  });

  it('calls the latest callbacks, not the ones from the render that started the operation', async () => {
    const first = vi.fn();
    const second = vi.fn();
    const { result, rerender } = renderHook(({ onComplete }: { onComplete: () => void }) => useLiveOperation<DemoRequest>({ ...base, onComplete }), {
      initialProps: { onComplete: first },
      wrapper: withProvider({ url: api.url, token: await api.token() }),
    });
    await act(() => result.current[1].execute({ simulate: { durationMs: 600 } }));
    rerender({ onComplete: second });
    await waitFor(() => expect(result.current[0].status).toBe('completed'), LIVE);
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('sends files as multipart form data', async () => {
    const { result } = renderHook(
      () =>
        useLiveOperation<{ file: File[]; destination: string; simulate: { durationMs: number } }>({
          apiEndpoint: '/api/files/upload',
          operationType: 'file_upload',
          operationName: 'Upload',
        }),
      { wrapper: withProvider({ url: api.url, token: await api.token() }) },
    );
    const files = [new File(['first file'], 'a.txt', { type: 'text/plain' }), new File(['the second file'], 'b.csv', { type: 'text/csv' })];
    await act(() => result.current[1].execute({ file: files, destination: 'inbox/', simulate: { durationMs: 300 } }));
    await waitFor(() => expect(result.current[0].status).toBe('completed'), LIVE);
    expect(result.current[0].snapshot?.details).toMatchObject({ totalFiles: 2 });
    expect(result.current[0].result).toMatchObject({
      files: [
        { name: 'a.txt', size: 10, path: 'inbox/a.txt' },
        { name: 'b.csv', size: 15, path: 'inbox/b.csv' },
      ],
      totalBytes: 25,
    });
  });

  it('tells the onTableRefresh handlers of its tables when the operation completes', async () => {
    const refreshed = vi.fn();
    const { result } = renderHook(
      () => ({
        op: useLiveOperation<DemoRequest>({ ...base, enableTableRefresh: true, tableNames: ['reports'] }),
        ws: useWebSocket(),
      }),
      { wrapper: withProvider({ url: api.url, token: await api.token() }) },
    );
    const id = result.current.ws.onTableRefresh('reports', refreshed);
    await act(() => result.current.op[1].execute({ simulate: { durationMs: 300 } }));
    await waitFor(() => expect(refreshed).toHaveBeenCalledTimes(1), LIVE);
    expect(refreshed).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'table_refresh', table: 'reports', affectedIds: [result.current.op[0].operationId] }),
    );
    result.current.ws.offTableRefresh(id);
    expect(result.current.ws.getActiveSubscriptions().tables).toEqual([]);
  });
});
