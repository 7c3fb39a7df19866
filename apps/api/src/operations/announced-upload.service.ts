import { Injectable, Logger } from '@nestjs/common';
import { type AuthUser, OperationCancelledError, type OperationHandle, OperationsService } from '@liveprogress/nest';
import { DEMO_STAGES, stageDefinitions } from './demo-stages.js';
import { type NoticeTarget, OperationNotices, type Outcome } from './operation-notices.js';
import { PendingUploads } from './pending-uploads.js';
import { SimulatedFailure } from './simulated-failure.js';
import { runStagedWork } from './staged-work.js';
import type { AnnouncedFile, UploadStartRequest } from './upload-start-request.schema.js';
import { type UploadedFilePart, hashParts, uploadResult } from './uploaded-file.js';

const DEFAULT_DURATION_MS = 6000;
/** How long an announced upload waits for its bytes to start arriving. */
const CONTENT_TIMEOUT_MS = 120_000;
const RECEIVING = DEMO_STAGES.file_upload[0]!;
const AFTER_RECEIVING = DEMO_STAGES.file_upload.slice(1);
const MB = 1024 * 1024;

/**
 * The upload example as one operation from the first byte (the model of seed 003, Transflow):
 * announced first, so it can be watched and cancelled while the browser sends the files; the
 * "receiving" stage follows the bytes as they arrive, then scanning, processing and storing run.
 * Each file is a task: its first half is its bytes arriving, its second half its processing.
 */
@Injectable()
export class AnnouncedUploadService {
  private readonly logger = new Logger('DemoUploads');

  constructor(
    private readonly operations: OperationsService,
    private readonly notices: OperationNotices,
    private readonly pending: PendingUploads,
  ) {}

  start(user: AuthUser, request: UploadStartRequest): { operationId: string; estimatedDuration: number } {
    const durationMs = request.simulate?.durationMs ?? DEFAULT_DURATION_MS;
    const files = request.files;
    const name = request.name ?? (files.length === 1 ? `Upload of ${files[0]!.name}` : `Upload of ${files.length} files`);
    const visibility = request.visibility ?? 'owner';
    const totalBytes = files.reduce((n, f) => n + f.size, 0);
    const op = this.operations.start({
      operationType: 'file_upload',
      name,
      userId: user.userId,
      tenantId: user.tenantId,
      visibility,
      stages: stageDefinitions('file_upload'),
      estimatedDuration: Math.max(1, durationMs),
      details: { files: files.length, totalBytes, bytesReceived: 0 },
    });
    for (const [i, file] of files.entries()) op.task(taskId(i), file.name);
    op.update({ stage: RECEIVING.id, progress: 0, message: 'Waiting for the files…' });
    const target: NoticeTarget = { operationId: op.id, name, userId: user.userId, tenantId: user.tenantId, visibility };
    void this.work(op, user, request, target);
    return { operationId: op.id, estimatedDuration: durationMs };
  }

  private async work(op: OperationHandle, user: AuthUser, request: UploadStartRequest, target: NoticeTarget): Promise<void> {
    const files = request.files;
    try {
      await this.notices.started(target);
      const parts = await this.pending.wait(op.id, user, files, {
        signal: op.signal,
        timeoutMs: CONTENT_TIMEOUT_MS,
        onBytes: receivingReporter(op, files),
      });
      if (request.simulate?.failAtStage === RECEIVING.id) throw new SimulatedFailure(RECEIVING.id);
      const hashes = hashParts(parts);
      await runStagedWork(AFTER_RECEIVING, {
        durationMs: request.simulate?.durationMs ?? DEFAULT_DURATION_MS,
        signal: op.signal,
        ...(request.simulate?.failAtStage ? { failAtStage: request.simulate.failAtStage } : {}),
        report: ({ stage, step, steps, progress }) => {
          // Files are processed one after another through the processing stage.
          const done = stage.id === 'processing' ? (parts.length * step) / steps : stage.order > 3 ? parts.length : 0;
          op.update({ stage: stage.id, progress, message: `${stage.description}...`, details: { processedCount: Math.floor(done) } });
          parts.forEach((part, i) => {
            const task = op.task(taskId(i), part.originalname);
            if (i < Math.floor(done)) task.complete();
            else if (i === Math.floor(done) && done > i) task.update(50 + Math.round((done - i) * 50), 'Processing');
          });
        },
      });
      op.complete(uploadResult(parts, hashes, request.destination), `${target.name} finished`);
      await op.flushed();
      await this.notices.finished(target, { kind: 'completed' });
    } catch (error) {
      op.fail(error);
      await op.flushed().catch(() => undefined);
      await this.notices.finished(target, outcomeOf(op, error)).catch((err: unknown) => this.logger.error(String(err)));
    }
  }
}

const taskId = (index: number) => `file-${index + 1}`;

/** Moves the receiving stage (0–10 % of the bar) and each file's first half with the bytes that have arrived. */
function receivingReporter(op: OperationHandle, files: readonly AnnouncedFile[]): (index: number, bytes: number) => void {
  const received = files.map(() => 0);
  const totalBytes = files.reduce((n, f) => n + f.size, 0);
  return (index, bytes) => {
    const file = files[index];
    if (!file) return;
    received[index] = Math.min(bytes, file.size);
    const sum = received.reduce((n, b) => n + b, 0);
    const share = totalBytes > 0 ? sum / totalBytes : 1;
    op.update({
      stage: RECEIVING.id,
      progress: Math.round((RECEIVING.from + (RECEIVING.to - RECEIVING.from) * share) * 10) / 10,
      message: `Receiving files: ${(sum / MB).toFixed(1)} of ${(totalBytes / MB).toFixed(1)} MB`,
      details: { bytesReceived: sum, totalBytes },
    });
    const fileShare = file.size > 0 ? received[index]! / file.size : 1;
    op.task(taskId(index), file.name).update(Math.round(fileShare * 50), `${(received[index]! / MB).toFixed(1)} of ${(file.size / MB).toFixed(1)} MB received`);
  };
}

function outcomeOf(op: OperationHandle, error: unknown): Outcome {
  if (!op.signal.aborted || !(op.signal.reason instanceof OperationCancelledError)) {
    return { kind: 'failed', message: error instanceof Error ? error.message : String(error) };
  }
  const by = op.signal.reason.cancelledBy;
  return by ? { kind: 'cancelled', by } : { kind: 'cancelled' };
}

/** The parts sent must be the files announced, in order. */
export function matchesAnnounced(parts: readonly UploadedFilePart[], files: readonly AnnouncedFile[]): string | null {
  if (parts.length !== files.length) return `${files.length} files were announced, ${parts.length} sent`;
  const wrong = files.findIndex((file, i) => parts[i]!.originalname !== file.name || parts[i]!.size !== file.size);
  return wrong === -1
    ? null
    : `"${parts[wrong]!.originalname}" (${parts[wrong]!.size} bytes) is not the announced "${files[wrong]!.name}" (${files[wrong]!.size} bytes)`;
}
