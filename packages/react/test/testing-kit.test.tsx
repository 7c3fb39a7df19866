// The testing kit as a user would use it (docs/testing.md, React components): the user's own
// components, rendered with the kit's wrapper, driven by scripted progress, asserted on the DOM.
import { defineOperation, ProgressTracker, typeOnly, useOperation, useOperations } from '@liveprogress/react';
import { createTestLiveProgress } from '@liveprogress/react/testing';
import { act, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';

/** A user's component: the status line of an import. */
function ImportStatus({ operationId }: { operationId: string }) {
  const { progress, status, error, snapshot } = useOperation(operationId);
  const result = snapshot?.result as { importedCount: number } | undefined;
  if (status === 'failed') return <p role="alert">Import failed: {error?.message}</p>;
  if (status === 'completed') return <p>Imported {result?.importedCount} rows</p>;
  return <p>{progress ? `${progress.stage ?? 'Starting'}: ${progress.progress}%` : 'Waiting…'}</p>;
}

describe('@liveprogress/react/testing', () => {
  it('drives a ProgressTracker and a component using useOperation through update and complete', async () => {
    const live = createTestLiveProgress();
    const op = live.operation('import-1', { operationType: 'data_import', stages: ['validation', 'processing', 'storing'] });
    render(
      <>
        <ProgressTracker config={{ operationId: 'import-1', operationType: 'data_import', title: 'Importing customers' }} />
        <ImportStatus operationId="import-1" />
      </>,
      { wrapper: live.wrapper },
    );

    await act(() => op.update({ stage: 'processing', progress: 40, message: 'Row 400 of 1000' }));
    const bar = screen.getByRole('progressbar', { name: 'Importing customers' });
    expect(bar.getAttribute('aria-valuenow')).toBe('40');
    expect(screen.getByText('processing: 40%')).toBeTruthy();
    expect(screen.getByText('Row 400 of 1000')).toBeTruthy();
    const stages = within(screen.getByRole('list', { name: 'Stages' })).getAllByRole('listitem');
    expect(stages.map((stage) => stage.getAttribute('data-state'))).toEqual(['done', 'current', 'pending']);

    await act(() => op.complete({ importedCount: 1000 }));
    expect(bar.getAttribute('aria-valuenow')).toBe('100');
    expect(screen.getByText('Imported 1000 rows')).toBeTruthy();
    expect(op.snapshot().status).toBe('completed');
    expect(op.events().map((event) => event.event)).toEqual(['progress.updated', 'progress.completed']);
  });

  it('shows a failure and a cancellation the way the real server reports them', async () => {
    const live = createTestLiveProgress();
    render(
      <>
        <ImportStatus operationId="a" />
        <ProgressTracker config={{ operationId: 'b', operationType: 'generic', title: 'Second' }} />
      </>,
      { wrapper: live.wrapper },
    );
    await act(() => live.operation('a').update({ progress: 10 }));
    await act(() => live.operation('a').fail('The file is not UTF-8'));
    expect(screen.getByRole('alert').textContent).toBe('Import failed: The file is not UTF-8');

    await act(() => live.operation('b').cancel());
    expect(screen.getByRole('progressbar', { name: 'Second' }).closest('.lp-tracker')?.getAttribute('data-status')).toBe('cancelled');
  });

  it('types the operation by its contract, and lists scripted operations in useOperations', async () => {
    const dataImport = defineOperation({
      type: 'data_import',
      stages: ['validation', 'processing'],
      details: typeOnly<{ processedCount: number }>(),
      result: typeOnly<{ importedCount: number }>(),
    });
    function Imports() {
      const { operations } = useOperations({ operationType: 'data_import' });
      return (
        <ul aria-label="Imports">
          {operations.map((op) => (
            <li key={op.operationId}>
              {op.operationId} {op.status} {op.progress}%
            </li>
          ))}
        </ul>
      );
    }
    const live = createTestLiveProgress();
    const first = live.operation(dataImport, 'imp-1');
    live.operation('other', { operationType: 'export' });
    await first.update({ stage: 'processing', progress: 50, details: { processedCount: 5 } });
    render(<Imports />, { wrapper: live.wrapper });
    expect(await screen.findByText('imp-1 running 50%')).toBeTruthy();

    // Typed by the contract: a stage outside it does not compile (the test project is type-checked).
    // @ts-expect-error: 'storing' is not one of the contract's stages
    const outsideTheContract = () => first.update({ stage: 'storing' });
    expect(typeof outsideTheContract).toBe('function');
    await act(() => first.complete({ importedCount: 5 }));
    expect(screen.getByText('imp-1 completed 100%')).toBeTruthy();
    expect(screen.getAllByRole('listitem')).toHaveLength(1);
  });
});
