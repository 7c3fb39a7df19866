'use client';

import { OperationDialog, useLiveOperation, type UseOperationResult } from '@liveprogress/react';
import { startOf } from '@liveprogress/protocol';
import { format } from 'date-fns';
import { type FormEvent, useState } from 'react';
import { OPERATION_STAGES } from '@/lib/demo-stages';
import { formatCount, STATUS_LABEL } from '@/lib/operation-labels';
import { LivePanel } from '../live-panel';
import { OperationOutcome, tookSeconds } from '../operation-outcome';
import { PageHeader } from '../page-header';
import { ProgressBar } from '../progress-bar';
import { readRunOptions, type RunOptionsValue } from '../run-options';
import { StageSteps } from '../stage-steps';
import { StartCard } from '../start-card';
import { useOperationInUrl } from '../use-operation-in-url';

interface MyOperationRequest extends RunOptionsValue {
  name: string;
  data: { note: string };
}

/** docs/react.md, 2.1 The generic hook: a form, `useLiveOperation`, and a progress bar drawn from `state.progress`. */
export function MyOperationExample() {
  const [operationState, operationActions] = useLiveOperation<MyOperationRequest>({
    apiEndpoint: '/api/my-operations',
    method: 'POST',
    operationType: 'generic',
    operationName: 'My Custom Operation',
    enableProgress: true,
    enableToasts: true,
    enableTableRefresh: true,
    successMessage: 'Operation completed successfully!',
    errorMessage: 'Operation failed',
    tableNames: ['my_operations'],
  });
  const operationId = useOperationInUrl(operationState);
  // docs/react.md, OperationDialog: the same operation in a modal that closes by itself once it completes.
  const [dialogOpen, setDialogOpen] = useState(false);

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const fields = new FormData(event.currentTarget);
    void operationActions.execute({
      name: String(fields.get('name') ?? '').trim() || 'My Custom Operation',
      data: { note: String(fields.get('note') ?? '') },
      ...readRunOptions(fields),
    });
  };

  return (
    <div className="page">
      <PageHeader eyebrow="Example 1 of 4" title="My operation">
        The generic hook: the form posts to <code>POST /api/my-operations</code>, then <code>useLiveOperation</code> follows the operation over the socket and
        the bar below is drawn from its <code>state.progress</code>.
      </PageHeader>
      <div className="example-grid">
        <StartCard
          id="my-operation-form"
          title="Start an operation"
          summary="Four stages: initialization, processing, validation, completion."
          onSubmit={handleSubmit}
          fields={
            <>
              <div className="field">
                <label className="label" htmlFor="operation-name">
                  Name
                </label>
                <input className="input" id="operation-name" name="name" defaultValue="Quarterly report" maxLength={200} />
              </div>
              <div className="field">
                <label className="label" htmlFor="operation-note">
                  Note
                </label>
                <input className="input" id="operation-note" name="note" defaultValue="Started from the demo" />
              </div>
            </>
          }
          stages={OPERATION_STAGES}
          defaultSeconds={8}
          state={operationState}
          operationId={operationId}
          busyLabel="Processing..."
          submitLabel="Start operation"
        />
        <LivePanel
          operationId={operationId}
          starting={operationState.status === 'starting'}
          idle={
            <>
              <strong>Nothing running yet</strong>
              Start an operation to see its progress here.
            </>
          }
        >
          {(operation) => <MyOperationProgress operation={operation} />}
        </LivePanel>
      </div>
      {operationId ? (
        <p>
          <button type="button" className="button button--ghost" onClick={() => setDialogOpen(true)}>
            Watch in a dialog
          </button>
        </p>
      ) : null}
      <OperationDialog
        open={dialogOpen && operationId !== null}
        config={{ operationId: operationId ?? '', operationType: 'generic', title: 'My operation', stages: OPERATION_STAGES }}
        onClose={() => setDialogOpen(false)}
      />
    </div>
  );
}

function MyOperationProgress({ operation }: { operation: UseOperationResult }) {
  const { progress, snapshot, status } = operation;
  const value = progress?.progress ?? 0;
  // The last message of a finished operation is about its last step; say how it ended instead.
  const message =
    status === 'completed' || status === 'failed' || status === 'cancelled' ? STATUS_LABEL[status] : (progress?.message ?? 'Waiting for progress…');
  const stageIndex = OPERATION_STAGES.findIndex((stage) => stage.id === snapshot?.stage);
  const processed = typeof snapshot?.details?.processedCount === 'number' ? snapshot.details.processedCount : 0;
  const started = snapshot ? startOf(snapshot) : undefined;

  return (
    <div className="stack">
      <div>
        <div className="progress-head">
          <span>{message}</span>
          <strong>{Math.round(value)}%</strong>
        </div>
        <ProgressBar value={value} label="My operation progress" status={status} valueText={message} />
      </div>
      <StageSteps stages={OPERATION_STAGES} snapshot={snapshot} />
      <dl className="summary">
        <div>
          <dt>Operation</dt>
          <dd>{snapshot?.name ?? '—'}</dd>
        </div>
        <div>
          <dt>Stage</dt>
          <dd>{stageIndex >= 0 ? `${stageIndex + 1} of ${OPERATION_STAGES.length}` : '—'}</dd>
        </div>
        <div>
          <dt>Items processed</dt>
          <dd>{formatCount(processed)}</dd>
        </div>
        <div>
          <dt>Started</dt>
          <dd>{started ? format(started, 'HH:mm:ss') : '—'}</dd>
        </div>
      </dl>
      <OperationOutcome
        operation={operation}
        success={(done) => (
          <>
            Completed in {tookSeconds(done)} — {formatCount(processed)} items processed.
          </>
        )}
      />
    </div>
  );
}
