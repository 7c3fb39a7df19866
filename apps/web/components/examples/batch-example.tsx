'use client';

import type { OperationSnapshot, OperationStatus, TaskSnapshot } from '@liveprogress/protocol';
import { ProgressTracker, TASK_STATE_LABEL, taskView, useLiveOperation, type OperationProgress } from '@liveprogress/react';
import { format } from 'date-fns';
import { useState, type FormEvent } from 'react';
import { BATCH_STAGES } from '@/lib/demo-stages';
import { formatCount } from '@/lib/operation-labels';
import { LivePanel } from '../live-panel';
import { OperationOutcome, tookSeconds } from '../operation-outcome';
import { PageHeader } from '../page-header';
import { readRunOptions, type RunOptionsValue } from '../run-options';
import { StartCard } from '../start-card';
import { useOperationInUrl } from '../use-operation-in-url';
import styles from './batch-example.module.css';

interface BatchRequest extends RunOptionsValue {
  name: string;
  items: number;
}

interface LogLine {
  seq: number;
  at: number;
  text: string;
}

const MAX_CELLS = 240;

/** Example 3 (docs/react.md, Examples 1–3): a batch whose updates carry `details.processedCount`, read in `onProgress`. */
export function BatchExample() {
  const [log, setLog] = useState<LogLine[]>([]);
  const [batchState, batchActions] = useLiveOperation<BatchRequest>({
    apiEndpoint: '/api/batch/process',
    operationType: 'batch_process',
    operationName: 'Batch Processing',
    enableProgress: true,
    enableToasts: true,
    enableTableRefresh: true,
    tableNames: ['my_operations'],
    successMessage: 'Batch processing completed!',
    errorMessage: 'Batch processing failed',
    onStart: () => setLog([]),
    onProgress: (progress: OperationProgress) => {
      // As documented: the processed count rides along in each update's details.
      if (progress.details?.processedCount) {
        const line = { seq: progress.seq, at: progress.timestamp, text: `Processed: ${String(progress.details.processedCount)} items` };
        // Later stages repeat the final count; log each count once.
        setLog((previous) => (previous[0]?.text === line.text ? previous : [line, ...previous].slice(0, 6)));
      }
    },
  });
  const operationId = useOperationInUrl(batchState);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    const items = Math.min(1000, Math.max(1, Math.round(Number(fields.get('items')) || 1)));
    void batchActions.execute({ name: `Batch of ${items} items`, items, ...readRunOptions(fields) });
  };

  return (
    <div className="page">
      <PageHeader eyebrow="Example 4 of 4" title="Batch processing">
        <code>POST /api/batch/process</code> works through a batch item by item. Each update carries <code>details.processedCount</code>, which the page reads
        in <code>onProgress</code>; every item is a task.
      </PageHeader>
      <div className="example-grid">
        <StartCard
          id="batch-form"
          title="Process a batch"
          summary="Preparing, processing, finalizing."
          onSubmit={handleSubmit}
          fields={
            <div className="field">
              <label className="label" htmlFor="batch-items">
                Items
              </label>
              <input className="input" id="batch-items" name="items" type="number" min={1} max={1000} defaultValue={40} required />
              <span className="hint">1 to 1,000 items.</span>
            </div>
          }
          stages={BATCH_STAGES}
          defaultSeconds={10}
          state={batchState}
          operationId={operationId}
          busyLabel="Processing…"
          submitLabel="Start batch"
        >
          {log.length > 0 ? (
            <div className={styles.log}>
              <h3>onProgress</h3>
              <ol aria-label="Progress log">
                {log.map((line) => (
                  <li key={line.seq}>
                    <span className="muted">{format(line.at, 'HH:mm:ss.SSS')}</span> {line.text}
                  </li>
                ))}
              </ol>
            </div>
          ) : null}
        </StartCard>
        <LivePanel
          operationId={operationId}
          starting={batchState.status === 'starting'}
          idle={
            <>
              <strong>No batch yet</strong>
              Start a batch to watch its items being processed.
            </>
          }
        >
          {(operation, id) => (
            <div className="stack">
              <ProgressTracker
                config={{
                  operationId: id,
                  operationType: 'batch_process',
                  title: 'Batch processing',
                  description: operation.snapshot?.name ?? 'Processing items',
                  stages: BATCH_STAGES,
                  showTimeEstimate: true,
                  // Hundreds of items read better as the grid below than as rows.
                  showTasks: false,
                  ...(batchState.response?.estimatedDuration ? { estimatedDuration: batchState.response.estimatedDuration } : {}),
                }}
              />
              <ProcessedCount snapshot={operation.snapshot} />
              {operation.snapshot?.tasks?.length ? <ItemGrid tasks={operation.snapshot.tasks} operationStatus={operation.snapshot.status} /> : null}
              <OperationOutcome operation={operation} showFailure={false} success={(done) => <BatchResult snapshot={done} />} />
            </div>
          )}
        </LivePanel>
      </div>
    </div>
  );
}

function ProcessedCount({ snapshot }: { snapshot: OperationSnapshot | null }) {
  const details = snapshot?.details ?? {};
  const processed = typeof details.processedCount === 'number' ? details.processedCount : 0;
  const total =
    typeof details.totalItems === 'number' ? details.totalItems : typeof details.items === 'number' ? details.items : (snapshot?.tasks?.length ?? 0);
  return (
    <p className={styles.count} data-testid="processed-count">
      <strong>{formatCount(processed)}</strong>
      <span>of {formatCount(total)} items processed</span>
    </p>
  );
}

/** One cell per item, coloured by its task's state: once the batch has ended, unfinished items take its end (the package's taskView). */
function ItemGrid({ tasks, operationStatus }: { tasks: readonly TaskSnapshot[]; operationStatus: OperationStatus }) {
  const shown = tasks.slice(0, MAX_CELLS);
  return (
    <div>
      <ul className={styles.grid} aria-label="Items">
        {shown.map((task) => {
          const { state } = taskView(task, operationStatus);
          const label = TASK_STATE_LABEL[state];
          return (
            <li key={task.id} className={styles.cell} data-status={state} title={`${task.name}: ${label}`}>
              <span className="sr-only">
                {task.name}: {label}
              </span>
            </li>
          );
        })}
      </ul>
      {tasks.length > shown.length ? <p className="hint">and {formatCount(tasks.length - shown.length)} more items</p> : null}
    </div>
  );
}

function BatchResult({ snapshot }: { snapshot: OperationSnapshot }) {
  const result = snapshot.result as { processedCount?: number; failedCount?: number } | null;
  return (
    <p>
      Processed {formatCount(result?.processedCount ?? 0)} items ({formatCount(result?.failedCount ?? 0)} failed) in {tookSeconds(snapshot)}.
    </p>
  );
}
