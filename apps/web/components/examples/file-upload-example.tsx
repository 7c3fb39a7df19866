'use client';

import type { OperationSnapshot } from '@liveprogress/protocol';
import { ProgressTracker, type StartOperationData, useLiveOperation, useOperation } from '@liveprogress/react';
import { useEffect, useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { UPLOAD_STAGES } from '@/lib/demo-stages';
import { formatBytes } from '@/lib/operation-labels';
import { sendFiles } from '@/lib/send-files';
import { useApiUrl } from '../api-url';
import { LivePanel } from '../live-panel';
import { ProgressBar } from '../progress-bar';
import { useSession } from '../session-provider';
import { OperationOutcome, tookSeconds } from '../operation-outcome';
import { PageHeader } from '../page-header';
import { readRunOptions, type RunOptionsValue } from '../run-options';
import { StartCard } from '../start-card';
import { useOperationInUrl } from '../use-operation-in-url';
import { sampleFiles } from './sample-files';
import styles from './file-upload-example.module.css';

/** `POST /api/files/uploads` announces the files; their bytes follow, once the operation exists. */
interface UploadRequest extends RunOptionsValue {
  files: Array<{ name: string; size: number; type: string }>;
  name: string;
  destination: string;
}

/** The browser's side of the upload: bytes handed to the network so far. */
interface Sending {
  operationId: string;
  sent: number;
  total: number;
  state: 'sending' | 'sent' | 'stopped' | 'failed';
  error?: string;
}

const MAX_FILES = 20;
const MAX_FILE_BYTES = 25 * 1024 * 1024;

/** Why these files cannot be sent, naming each one that breaks a limit; null when they can. */
function checkFiles(files: readonly File[]): string | null {
  if (files.length > MAX_FILES) return `Choose up to ${MAX_FILES} files; ${files.length} are selected.`;
  const tooLarge = files.filter((file) => file.size > MAX_FILE_BYTES);
  if (tooLarge.length === 0) return null;
  const named = tooLarge.map((file) => `"${file.name}" is ${(file.size / (1024 * 1024)).toFixed(1)} MB`).join(', ');
  return `${named}; files may be up to 25 MB each.`;
}

interface StoredFile {
  name: string;
  size: number;
  sha256: string;
  path: string;
}

/** Example 1 (docs/react.md, Examples 1–3): real files, sent as multipart, each one a task with its own progress. */
export function FileUploadExample() {
  const apiUrl = useApiUrl();
  const { session } = useSession();
  const [files, setFiles] = useState<File[]>([]);
  const [missingFiles, setMissingFiles] = useState(false);
  const [sending, setSending] = useState<Sending | null>(null);
  const stopSending = useRef<(() => void) | null>(null);
  // The files of the announce in flight: their bytes go up as soon as the operation exists.
  const announced = useRef<File[]>([]);

  const send = (operationId: string) => {
    const chosen = announced.current;
    const total = chosen.reduce((n, file) => n + file.size, 0);
    setSending({ operationId, sent: 0, total, state: 'sending' });
    const url = new URL(`/api/files/uploads/${encodeURIComponent(operationId)}/content`, apiUrl).toString();
    const upload = sendFiles(url, session?.token ?? '', chosen, ({ sent }) =>
      setSending((now) => (now?.operationId === operationId ? { ...now, sent: Math.min(sent, now.total || sent) } : now)),
    );
    stopSending.current = upload.abort;
    upload.done.then(
      () => setSending((now) => (now?.operationId === operationId ? { ...now, sent: now.total, state: 'sent' } : now)),
      (error: unknown) => {
        const stopped = error instanceof DOMException && error.name === 'AbortError';
        setSending((now) =>
          now?.operationId === operationId
            ? { ...now, state: stopped ? 'stopped' : 'failed', ...(stopped ? {} : { error: String((error as Error).message) }) }
            : now,
        );
      },
    );
  };

  const [uploadState, uploadActions] = useLiveOperation<UploadRequest>({
    apiEndpoint: '/api/files/uploads',
    operationType: 'file_upload',
    operationName: 'File Upload',
    enableProgress: true,
    enableToasts: true,
    enableTableRefresh: true,
    tableNames: ['my_operations'],
    successMessage: 'File uploaded successfully!',
    errorMessage: 'Upload failed',
    onStarted: (response: StartOperationData) => send(response.operationId),
  });
  const operationId = useOperationInUrl(uploadState);
  const input = useRef<HTMLInputElement>(null);
  const invalid = checkFiles(files);

  // A cancel (from this page, another tab or a colleague) or a failure ends the operation: stop sending its bytes.
  const followed = useOperation(sending?.state === 'sending' ? sending.operationId : null);
  useEffect(() => {
    if (followed.isTerminal || followed.isLost) stopSending.current?.();
  }, [followed.isTerminal, followed.isLost]);

  const choose = (chosen: File[]) => {
    setFiles(chosen);
    setMissingFiles(false);
  };

  const chooseSamples = () => {
    const samples = sampleFiles();
    // Put them in the real input too, so what it shows matches what is sent.
    const transfer = new DataTransfer();
    for (const file of samples) transfer.items.add(file);
    if (input.current) input.current.files = transfer.files;
    choose(samples);
  };

  const handleSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (files.length === 0) {
      setMissingFiles(true);
      return;
    }
    // Checked here, before a byte is sent; the API checks again and names the file too.
    if (invalid) return;
    const fields = new FormData(event.currentTarget);
    announced.current = files;
    void uploadActions.execute({
      files: files.map((file) => ({ name: file.name, size: file.size, type: file.type })),
      name: files.length === 1 ? `Upload of ${files[0]?.name}` : `Upload of ${files.length} files`,
      destination: String(fields.get('destination') ?? 'uploads/'),
      ...readRunOptions(fields),
    });
  };

  return (
    <div className="page">
      <PageHeader eyebrow="Example 2 of 4" title="File upload">
        Real files from your disk, as one operation from the first byte: <code>POST /api/files/uploads</code> announces them and starts the operation, then
        their bytes follow as <code>multipart/form-data</code> and the &ldquo;receiving&rdquo; stage moves with them. The API hashes and &ldquo;processes&rdquo;
        each one; every file is a task with its own row and bar.
      </PageHeader>
      <div className="example-grid">
        <StartCard
          id="upload-form"
          title="Upload files"
          summary="Stages: receiving, scanning, processing, storing."
          onSubmit={handleSubmit}
          fields={
            <>
              <div className="field">
                <label className="label" htmlFor="upload-files">
                  Files
                </label>
                <input
                  ref={input}
                  className={styles.fileInput}
                  id="upload-files"
                  type="file"
                  multiple
                  aria-describedby={invalid ? 'upload-files-hint upload-files-error' : 'upload-files-hint'}
                  aria-invalid={missingFiles || invalid !== null || undefined}
                  onChange={(event: ChangeEvent<HTMLInputElement>) => choose(Array.from(event.currentTarget.files ?? []))}
                />
                <span className="hint" id="upload-files-hint">
                  Up to 20 files of 25 MB each.{' '}
                  <button type="button" className={styles.linkButton} onClick={chooseSamples}>
                    Use sample files
                  </button>
                </span>
                {missingFiles ? (
                  <span className="alert small" role="alert">
                    Choose at least one file to upload.
                  </span>
                ) : null}
                {invalid ? (
                  <span className="alert small" role="alert" id="upload-files-error">
                    {invalid}
                  </span>
                ) : null}
              </div>
              {files.length > 0 ? (
                <ul className={styles.selected} aria-label="Selected files">
                  {files.map((file, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: two chosen files may share a name, and the list only changes as a whole.
                    <li key={`${file.name}-${index}`} data-too-large={file.size > MAX_FILE_BYTES || undefined}>
                      <span className={styles.fileName}>{file.name}</span>
                      <span className="muted small">{formatBytes(file.size)}</span>
                    </li>
                  ))}
                </ul>
              ) : null}
              <div className="field">
                <label className="label" htmlFor="upload-destination">
                  Destination
                </label>
                <input className="input" id="upload-destination" name="destination" defaultValue="uploads/" maxLength={256} />
              </div>
            </>
          }
          stages={UPLOAD_STAGES}
          defaultSeconds={6}
          state={uploadState}
          operationId={operationId}
          busyLabel="Uploading…"
          submitLabel={files.length > 1 ? `Upload ${files.length} files` : 'Upload'}
        />
        <LivePanel
          operationId={operationId}
          starting={uploadState.status === 'starting'}
          idle={
            <>
              <strong>No upload yet</strong>
              Choose files (or use the samples) and upload them.
            </>
          }
        >
          {(operation, id) => {
            const snapshot = operation.snapshot;
            return (
              <div className="stack">
                {sending?.operationId === id ? <BytesSent sending={sending} /> : null}
                <ProgressTracker
                  config={{
                    operationId: id,
                    operationType: 'file_upload',
                    title: 'File upload',
                    description: snapshot?.name ?? undefined,
                    stages: UPLOAD_STAGES,
                    showTimeEstimate: true,
                    // One row per uploaded file, each with its own bar.
                    showTasks: true,
                    taskLabel: 'files',
                    ...(uploadState.response?.estimatedDuration ? { estimatedDuration: uploadState.response.estimatedDuration } : {}),
                  }}
                />
                <OperationOutcome operation={operation} showFailure={false} success={(done) => <UploadResult snapshot={done} />} />
              </div>
            );
          }}
        </LivePanel>
      </div>
    </div>
  );
}

/** The upload stage as the browser sees it: bytes handed to the network, before the server has them all. */
function BytesSent({ sending }: { sending: Sending }) {
  const percent = sending.total > 0 ? (100 * sending.sent) / sending.total : 100;
  const text = `${formatBytes(sending.sent)} of ${formatBytes(sending.total)} sent`;
  return (
    <div data-testid="bytes-sent" data-state={sending.state}>
      <div className="progress-head">
        <span>{sending.state === 'sending' ? `Sending files… ${text}` : sending.state === 'sent' ? `All ${formatBytes(sending.total)} sent` : text}</span>
        <strong>{Math.floor(percent)}%</strong>
      </div>
      <ProgressBar
        value={percent}
        label="Bytes sent"
        valueText={text}
        status={sending.state === 'failed' ? 'failed' : sending.state === 'stopped' ? 'cancelled' : 'running'}
        size="small"
      />
      {sending.state === 'stopped' ? <p className="hint">Sending stopped: the operation ended before all the bytes were sent.</p> : null}
      {sending.state === 'failed' ? (
        <p className="alert small" role="alert">
          The files could not be sent: {sending.error}
        </p>
      ) : null}
    </div>
  );
}

function UploadResult({ snapshot }: { snapshot: OperationSnapshot }) {
  const result = snapshot.result as { files?: StoredFile[]; totalBytes?: number } | null;
  const stored = result?.files ?? [];
  return (
    <>
      <p>
        {stored.length} {stored.length === 1 ? 'file' : 'files'} stored ({formatBytes(result?.totalBytes ?? 0)}) in {tookSeconds(snapshot)}.
      </p>
      <ul className={styles.stored}>
        {stored.map((file) => (
          <li key={file.path}>
            <code>{file.path}</code> <span className="muted">sha256 {file.sha256.slice(0, 12)}…</span>
          </li>
        ))}
      </ul>
    </>
  );
}
