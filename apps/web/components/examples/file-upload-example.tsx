'use client';

import type { OperationSnapshot } from '@liveprogress/protocol';
import { ProgressTracker, useLiveOperation } from '@liveprogress/react';
import { useRef, useState, type ChangeEvent, type FormEvent } from 'react';
import { UPLOAD_STAGES } from '@/lib/demo-stages';
import { formatBytes } from '@/lib/operation-labels';
import { LivePanel } from '../live-panel';
import { OperationOutcome, tookSeconds } from '../operation-outcome';
import { PageHeader } from '../page-header';
import { readRunOptions, type RunOptionsValue } from '../run-options';
import { StartCard } from '../start-card';
import { useOperationInUrl } from '../use-operation-in-url';
import { sampleFiles } from './sample-files';
import styles from './file-upload-example.module.css';

interface UploadRequest extends RunOptionsValue {
  /** One multipart part per file: a File in the request makes useLiveOperation send multipart/form-data. */
  file: File[];
  name: string;
  destination: string;
}

interface StoredFile {
  name: string;
  size: number;
  sha256: string;
  path: string;
}

/** Example 1 (docs/react.md, Examples 1–3): real files, sent as multipart, each one a task with its own progress. */
export function FileUploadExample() {
  const [uploadState, uploadActions] = useLiveOperation<UploadRequest>({
    apiEndpoint: '/api/files/upload',
    operationType: 'file_upload',
    operationName: 'File Upload',
    enableProgress: true,
    enableToasts: true,
    enableTableRefresh: true,
    tableNames: ['my_operations'],
    successMessage: 'File uploaded successfully!',
    errorMessage: 'Upload failed',
  });
  const operationId = useOperationInUrl(uploadState);
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [missingFiles, setMissingFiles] = useState(false);

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
    const fields = new FormData(event.currentTarget);
    void uploadActions.execute({
      file: files,
      name: files.length === 1 ? `Upload of ${files[0]?.name}` : `Upload of ${files.length} files`,
      destination: String(fields.get('destination') ?? 'uploads/'),
      ...readRunOptions(fields),
    });
  };

  return (
    <div className="page">
      <PageHeader eyebrow="Example 2 of 4" title="File upload">
        Real files from your disk go to <code>POST /api/files/upload</code> as <code>multipart/form-data</code>. The API hashes and &ldquo;processes&rdquo; each
        one; every file is a task with its own row and bar.
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
                  aria-describedby="upload-files-hint"
                  aria-invalid={missingFiles || undefined}
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
              </div>
              {files.length > 0 ? (
                <ul className={styles.selected} aria-label="Selected files">
                  {files.map((file, index) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: two chosen files may share a name, and the list only changes as a whole.
                    <li key={`${file.name}-${index}`}>
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
