// A contract shared with the server (docs/typed-operations.md), read on the client: the tracker
// takes its type and its labelled stages, and useOperation types the snapshot by it.
import { ProgressTracker, defineOperation, typeOnly, useLiveOperation, useOperation } from '@liveprogress/react';
import { act, render, renderHook, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useTestServer } from './support/test-server.js';
import { LIVE, withProvider } from './support/wrapper.js';

const api = useTestServer();

// The test server's import, as its team would declare it; the labels are the client's own.
const dataImport = defineOperation({
  type: 'data_import',
  stages: [
    { id: 'validation', name: 'Checking the file' },
    { id: 'processing', name: 'Reading rows' },
    { id: 'storing', name: 'Saving' },
    { id: 'indexing', name: 'Indexing for search' },
  ],
  details: typeOnly<{ processedCount: number; totalRecords: number }>(),
  result: typeOnly<{ importedCount: number; rejectedCount: number }>(),
});

describe('typed operations in React', () => {
  it('lets a ProgressTracker take the type and the labelled stages from the contract', async () => {
    const token = await api.token();
    const { operationId } = await api.start(token, '/api/data/import', { simulate: { durationMs: 800 } });
    const { container } = render(<ProgressTracker config={{ contract: dataImport, operationId, title: 'Importing customers' }} />, {
      wrapper: withProvider({ url: api.url, token }),
    });
    const stages = within(screen.getByRole('list', { name: 'Stages' }));
    expect(stages.getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      expect.stringContaining('Checking the file'),
      expect.stringContaining('Reading rows'),
      expect.stringContaining('Saving'),
      expect.stringContaining('Indexing for search'),
    ]);
    expect(container.querySelector('[data-operation-type]')?.getAttribute('data-operation-type')).toBe('data_import');
    await waitFor(() => expect(screen.getByRole('progressbar', { name: 'Importing customers' }).getAttribute('aria-valuenow')).toBe('100'), LIVE);
  });

  it('gives useOperation(contract, id) the contract’s stage, details and result', async () => {
    const token = await api.token();
    const { operationId } = await api.start(token, '/api/data/import', { simulate: { durationMs: 600 } });
    const { result } = renderHook(() => useOperation(dataImport, operationId), { wrapper: withProvider({ url: api.url, token }) });
    await waitFor(() => expect(result.current.status).toBe('completed'), LIVE);
    const snapshot = result.current.snapshot;
    // Typed: `importedCount` is a number here, with no cast.
    const imported: number | undefined = snapshot?.result?.importedCount;
    expect(imported).toBe(1000);
    expect(snapshot?.details?.totalRecords).toBe(1000);
    expect(dataImport.stages.map((s) => s.id)).toContain(snapshot?.stage);
  });

  it('lets useLiveOperation take the contract: its type, and a typed result in onComplete and the state', async () => {
    const token = await api.token();
    const completed: number[] = [];
    const { result } = renderHook(
      () =>
        useLiveOperation({
          contract: dataImport,
          apiEndpoint: `${api.url}/api/data/import`,
          operationName: 'Customer import',
          // Typed by the contract: `importedCount` is a number, with no cast.
          onComplete: (imported) => completed.push(imported.importedCount),
        }),
      { wrapper: withProvider({ url: api.url, token }) },
    );
    await act(async () => {
      await result.current[1].execute({ simulate: { durationMs: 400 } });
    });
    await waitFor(() => expect(result.current[0].status).toBe('completed'), LIVE);
    const rejected: number | undefined = result.current[0].result?.rejectedCount;
    expect(rejected).toBe(0);
    expect(completed).toEqual([1000]);
    expect(result.current[0].snapshot?.operationType).toBe(dataImport.type);
  });
});
