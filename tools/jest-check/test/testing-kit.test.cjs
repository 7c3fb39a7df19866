// The React testing kit (docs/testing.md, React components) under Jest: the same test a user
// writes with vitest, in CommonJS without JSX, against the packages' CommonJS builds.
const { createElement: h } = require('react');
const { act, render, screen } = require('@testing-library/react');
const { ProgressTracker, useOperation } = require('@liveprogress/react');
const { createTestLiveProgress } = require('@liveprogress/react/testing');

// React's act() environment, as @testing-library/react sets it up under Jest.
globalThis.IS_REACT_ACT_ENVIRONMENT = true;

function ImportStatus({ operationId }) {
  const { progress, status, error, snapshot } = useOperation(operationId);
  if (status === 'failed') return h('p', { role: 'alert' }, `Import failed: ${error?.message}`);
  if (status === 'completed') return h('p', null, `Imported ${snapshot.result.importedCount} rows`);
  return h('p', null, progress ? `${progress.stage || 'Starting'}: ${progress.progress}%` : 'Waiting…');
}

test('shows the import as it runs, then its result', async () => {
  const live = createTestLiveProgress();
  const op = live.operation('import-1', { operationType: 'data_import', stages: ['validation', 'processing', 'storing'] });
  render(
    h(
      'div',
      null,
      h(ProgressTracker, { config: { operationId: 'import-1', operationType: 'data_import', title: 'Importing customers' } }),
      h(ImportStatus, { operationId: 'import-1' }),
    ),
    { wrapper: live.wrapper },
  );
  await act(() => op.update({ stage: 'processing', progress: 40, message: 'Row 400 of 1000' }));
  expect(screen.getByRole('progressbar', { name: 'Importing customers' }).getAttribute('aria-valuenow')).toBe('40');
  expect(screen.getByText('processing: 40%')).toBeTruthy();
  await act(() => op.complete({ importedCount: 1000 }));
  expect(screen.getByText('Imported 1000 rows')).toBeTruthy();
});

test('shows why an import failed', async () => {
  const live = createTestLiveProgress();
  render(h(ImportStatus, { operationId: 'a' }), { wrapper: live.wrapper });
  await act(() => live.operation('a').fail('The file is not UTF-8'));
  expect(screen.getByRole('alert').textContent).toBe('Import failed: The file is not UTF-8');
});
