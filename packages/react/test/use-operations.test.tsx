import { useLiveOperation, useOperations } from '@liveprogress/react';
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useTestServer } from './support/test-server.js';
import { LIVE, withProvider } from './support/wrapper.js';

const api = useTestServer();

describe('useOperations', () => {
  it("lists the user's operations by type and keeps the running ones live", async () => {
    const token = await api.token();
    const first = await api.start(token, '/api/my-operations', { simulate: { durationMs: 900 } });
    const second = await api.start(token, '/api/my-operations', { simulate: { durationMs: 600 } });
    const other = await api.start(token, '/api/data/import', { simulate: { durationMs: 200 } });
    const { result } = renderHook(() => ({ generic: useOperations({ operationType: 'generic' }), completed: useOperations({ status: 'completed' }) }), {
      wrapper: withProvider({ url: api.url, token }),
    });
    await waitFor(() => expect(result.current.generic.status).toBe('ready'), LIVE);
    // Newest first, and only the generic ones.
    expect(result.current.generic.operations.map((op) => op.operationId)).toEqual([second.operationId, first.operationId]);
    expect(result.current.generic.operations.every((op) => op.status === 'running' || op.status === 'pending')).toBe(true);

    await waitFor(() => expect(result.current.generic.operations.map((op) => op.status)).toEqual(['completed', 'completed']), LIVE);
    await act(() => result.current.completed.refresh());
    expect(new Set(result.current.completed.operations.map((op) => op.operationId))).toEqual(
      new Set([first.operationId, second.operationId, other.operationId]),
    );
  });

  it('adds an operation that this page starts', async () => {
    const { result } = renderHook(
      () => ({
        list: useOperations({ operationType: 'generic' }),
        op: useLiveOperation<{ simulate: { durationMs: number } }>({ apiEndpoint: '/api/my-operations', operationType: 'generic', operationName: 'Mine' }),
      }),
      { wrapper: withProvider({ url: api.url, token: await api.token() }) },
    );
    await waitFor(() => expect(result.current.list.status).toBe('ready'), LIVE);
    expect(result.current.list.operations).toEqual([]);
    await act(() => result.current.op[1].execute({ simulate: { durationMs: 400 } }));
    await waitFor(() => expect(result.current.list.operations.map((op) => op.operationId)).toEqual([result.current.op[0].operationId]), LIVE);
    await waitFor(() => expect(result.current.list.operations[0]?.status).toBe('completed'), LIVE);
  });
});
