import { Injectable, Logger } from '@nestjs/common';
import { OperationCancelledError, type OperationHandle, OperationsService } from '@liveprogress/nest';
import type { DemoOperationRequest } from './demo-operation-request.schema.js';
import type { AuthUser } from '@liveprogress/nest';
import { DEMO_STAGES, type DemoOperationType, stageDefinitions } from './demo-stages.js';
import { OperationNotices } from './operation-notices.js';
import { runStagedWork, type StageTick } from './staged-work.js';
import { type UploadedFilePart, hashParts, uploadResult } from './uploaded-file.js';

const DEFAULT_DURATION_MS: Record<DemoOperationType, number> = { generic: 8000, file_upload: 6000, data_import: 12_000, batch_process: 10_000 };
const NAMES: Record<DemoOperationType, string> = {
  generic: 'My Custom Operation',
  file_upload: 'File Upload',
  data_import: 'Data Import',
  batch_process: 'Batch Processing',
};

/** Per-tick details, sub-tasks and the final result of one kind of demo work. */
interface WorkModel {
  details(tick: StageTick): Record<string, unknown>;
  /** Names the sub-tasks (files, items), if the work has any. */
  tasks?: Array<{ id: string; name: string }>;
  /** How many sub-tasks are done at this tick; the fraction is how far the next one is. */
  tasksDone?(tick: StageTick): number;
  result(): unknown;
}

/** The upload, import and batch examples, written against OperationsService (the recommended API). */
@Injectable()
export class DemoOperationsService {
  private readonly logger = new Logger('DemoOperations');

  constructor(
    private readonly operations: OperationsService,
    private readonly notices: OperationNotices,
  ) {}

  upload(user: AuthUser, request: DemoOperationRequest, files: UploadedFilePart[]) {
    const parts = files.length > 0 ? files : simulatedFiles();
    const hashes = hashParts(parts);
    const model: WorkModel = {
      details: ({ stage, step, steps }) => {
        const share = stage.id === 'processing' ? step / steps : stage.order > 3 ? 1 : 0;
        const done = Math.floor(share * parts.length);
        return {
          processedCount: done,
          totalFiles: parts.length,
          files: parts.map((f, i) => ({ name: f.originalname, size: f.size, progress: i < done ? 100 : 0 })),
        };
      },
      tasks: parts.map((f, i) => ({ id: `file-${i + 1}`, name: f.originalname })),
      tasksDone: ({ stage, step, steps }) => (stage.id === 'processing' ? Math.floor((step / steps) * parts.length) : stage.order > 3 ? parts.length : 0),
      result: () => uploadResult(parts, hashes, request.destination),
    };
    return this.run('file_upload', user, request, model, { files: parts.length });
  }

  import(user: AuthUser, request: DemoOperationRequest) {
    const records = 1000;
    const model: WorkModel = {
      details: ({ stage, step, steps }) => ({
        processedCount: stage.id === 'validation' ? 0 : stage.id === 'processing' ? Math.round((records * step) / steps) : records,
        totalRecords: records,
      }),
      result: () => ({ importedCount: records, rejectedCount: 0 }),
    };
    return this.run('data_import', user, request, model, { records });
  }

  batch(user: AuthUser, request: DemoOperationRequest) {
    const items = request.items ?? 5;
    const itemsDone = ({ stage, step, steps }: StageTick) => (stage.id === 'preparing' ? 0 : stage.id === 'processing' ? (items * step) / steps : items);
    const model: WorkModel = {
      details: (tick) => ({ processedCount: Math.floor(itemsDone(tick)), totalItems: items }),
      tasks: Array.from({ length: items }, (_, i) => ({ id: `item-${i + 1}`, name: `Item ${i + 1}` })),
      tasksDone: itemsDone,
      result: () => ({ processedCount: items, failedCount: 0 }),
    };
    return this.run('batch_process', user, request, model, { items });
  }

  private run(type: DemoOperationType, user: AuthUser, request: DemoOperationRequest, model: WorkModel, details: Record<string, unknown>) {
    const estimatedDuration = request.simulate?.durationMs ?? DEFAULT_DURATION_MS[type];
    const name = request.name ?? NAMES[type];
    const visibility = request.visibility ?? 'owner';
    const op = this.operations.start({
      operationType: type,
      name,
      userId: user.userId,
      tenantId: user.tenantId,
      visibility,
      stages: stageDefinitions(type),
      estimatedDuration: Math.max(1, estimatedDuration),
      details,
    });
    const target = { operationId: op.id, name, userId: user.userId, tenantId: user.tenantId, visibility };
    void this.work(op, type, model, estimatedDuration, request.simulate?.failAtStage, target);
    return { operationId: op.id, estimatedDuration };
  }

  private async work(
    op: OperationHandle,
    type: DemoOperationType,
    model: WorkModel,
    durationMs: number,
    failAtStage: string | undefined,
    target: Parameters<OperationNotices['started']>[0],
  ): Promise<void> {
    try {
      await this.notices.started(target);
      await runStagedWork(DEMO_STAGES[type], {
        durationMs,
        signal: op.signal,
        ...(failAtStage ? { failAtStage } : {}),
        report: (tick) => {
          op.update({ stage: tick.stage.id, progress: tick.progress, message: `${tick.stage.description}...`, details: model.details(tick) });
          reportTasks(op, model, tick);
        },
      });
      op.complete(model.result(), `${target.name} finished`);
      await op.flushed();
      await this.notices.finished(target, { kind: 'completed' });
    } catch (error) {
      // After a cancel request, fail() ends the operation as cancelled.
      op.fail(error);
      // Refused when the operation ended elsewhere (OperationEndedError): nothing more to store.
      await op.flushed().catch(() => undefined);
      const reason: unknown = op.signal.reason;
      const outcome = op.signal.aborted
        ? ({ kind: 'cancelled', ...(reason instanceof OperationCancelledError && reason.cancelledBy ? { by: reason.cancelledBy } : {}) } as const)
        : ({ kind: 'failed', message: error instanceof Error ? error.message : String(error) } as const);
      await this.notices.finished(target, outcome).catch((err: unknown) => this.logger.error(String(err)));
    }
  }
}

/** Tasks before the done count are completed, the next one is as far as the fraction says, the rest wait. */
function reportTasks(op: OperationHandle, model: WorkModel, tick: StageTick): void {
  if (!model.tasks || !model.tasksDone) return;
  const done = model.tasksDone(tick);
  const whole = Math.floor(done);
  model.tasks.forEach(({ id, name }, i) => {
    const task = op.task(id, name);
    if (i < whole) task.complete();
    else if (i === whole && done > whole) task.update(Math.round((done - whole) * 100));
  });
}

/** With a JSON body the upload example simulates three files. */
function simulatedFiles(): UploadedFilePart[] {
  return ['report.pdf', 'photo.jpg', 'data.csv'].map((name, i) => {
    const buffer = Buffer.from(`simulated content of ${name}\n`.repeat(100 * (i + 1)));
    return { originalname: name, mimetype: 'application/octet-stream', size: buffer.length, buffer };
  });
}
