'use client';

import type { OperationSnapshot } from '@liveprogress/protocol';
import { ProgressTracker, useLiveOperation } from '@liveprogress/react';
import { format } from 'date-fns';
import type { FormEvent } from 'react';
import { IMPORT_STAGES } from '@/lib/demo-stages';
import { formatCount } from '@/lib/operation-labels';
import { LivePanel } from '../live-panel';
import { OperationOutcome, tookSeconds } from '../operation-outcome';
import { PageHeader } from '../page-header';
import { readRunOptions, type RunOptionsValue } from '../run-options';
import { StartCard } from '../start-card';
import { useOperationInUrl } from '../use-operation-in-url';
import { useTableRefreshes } from '../use-table-refreshes';

interface ImportRequest extends RunOptionsValue {
  name: string;
}

/** Example 2 (docs/react.md, Examples 1–3): a staged import, shown with ProgressTracker, its four stages and a time estimate. */
export function DataImportExample() {
  const [importState, importActions] = useLiveOperation<ImportRequest>({
    apiEndpoint: '/api/data/import',
    operationType: 'data_import',
    operationName: 'Data Import',
    enableProgress: true,
    enableToasts: true,
    enableTableRefresh: true,
    tableNames: ['imported_data'],
    successMessage: 'Data imported successfully!',
    errorMessage: 'Import failed',
  });
  const operationId = useOperationInUrl(importState);
  const importedData = useTableRefreshes('imported_data');

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    void importActions.execute({ name: `Import of ${String(fields.get('dataset') ?? 'data').trim() || 'data'}`, ...readRunOptions(fields) });
  };

  return (
    <div className="page">
      <PageHeader eyebrow="Example 3 of 4" title="Data import">
        <code>POST /api/data/import</code> runs a four-stage import of 1,000 records. <code>ProgressTracker</code> shows the guide&rsquo;s{' '}
        <code>IMPORT_STAGES</code>, the time elapsed and an estimate of the time left.
      </PageHeader>
      <div className="example-grid">
        <StartCard
          id="import-form"
          title="Import a dataset"
          summary="Validation, processing, storing, indexing."
          onSubmit={handleSubmit}
          fields={
            <div className="field">
              <label className="label" htmlFor="import-dataset">
                Dataset
              </label>
              <input className="input" id="import-dataset" name="dataset" defaultValue="customers.csv" maxLength={180} />
            </div>
          }
          stages={IMPORT_STAGES}
          defaultSeconds={12}
          state={importState}
          operationId={operationId}
          busyLabel="Importing…"
          submitLabel="Start import"
        >
          <p className="hint" data-testid="imported-data-refreshes">
            Table <code>imported_data</code>:{' '}
            {importedData.lastAt
              ? `refreshed ${importedData.count} ${importedData.count === 1 ? 'time' : 'times'}, last at ${format(importedData.lastAt, 'HH:mm:ss')}`
              : 'refreshed when an import completes'}
          </p>
        </StartCard>
        <LivePanel
          operationId={operationId}
          starting={importState.status === 'starting'}
          idle={
            <>
              <strong>No import yet</strong>
              Start an import to follow its stages.
            </>
          }
        >
          {(operation, id) => (
            <div className="stack">
              <ProgressTracker
                config={{
                  operationId: id,
                  operationType: 'data_import',
                  title: 'Data import',
                  description: operation.snapshot?.name ?? 'Importing records',
                  stages: IMPORT_STAGES,
                  showStages: true,
                  showTimeEstimate: true,
                  ...(importState.response?.estimatedDuration ? { estimatedDuration: importState.response.estimatedDuration } : {}),
                }}
              />
              <RecordCounts snapshot={operation.snapshot} />
              <OperationOutcome operation={operation} showFailure={false} success={(done) => <ImportResult snapshot={done} />} />
            </div>
          )}
        </LivePanel>
      </div>
    </div>
  );
}

function RecordCounts({ snapshot }: { snapshot: OperationSnapshot | null }) {
  const details = snapshot?.details ?? {};
  const processed = typeof details.processedCount === 'number' ? details.processedCount : 0;
  const total = typeof details.totalRecords === 'number' ? details.totalRecords : typeof details.records === 'number' ? details.records : null;
  return (
    <dl className="summary">
      <div>
        <dt>Records processed</dt>
        <dd>
          {formatCount(processed)}
          {total !== null ? <span className="muted small"> / {formatCount(total)}</span> : null}
        </dd>
      </div>
      <div>
        <dt>Current stage</dt>
        <dd>{IMPORT_STAGES.find((stage) => stage.id === snapshot?.stage)?.name ?? '—'}</dd>
      </div>
    </dl>
  );
}

function ImportResult({ snapshot }: { snapshot: OperationSnapshot }) {
  const result = snapshot.result as { importedCount?: number; rejectedCount?: number } | null;
  return (
    <p>
      Imported {formatCount(result?.importedCount ?? 0)} records ({formatCount(result?.rejectedCount ?? 0)} rejected) in {tookSeconds(snapshot)}.
    </p>
  );
}
