import { Injectable } from '@nestjs/common';
import { type OperationHandle, OperationsService } from '@liveprogress/nest';

/** Who starts an operation: the app's user, as its controller read it. */
type Owner = { userId: string; tenantId: string };
import { EXAMPLE_STAGES, type ExampleOperationType, stageDefinitions } from './example-stages.js';
import type { ExampleRequest } from './example-request.js';
import { OperationNotices } from './operation-notices.js';
import { runStagedWork, type StageTick } from './staged-work.js';
import type { UploadedFilePart } from './uploaded-file.js';

const NAMES = { file_upload: 'File Upload', data_import: 'Data Import', batch_process: 'Batch Processing' } as const;
type StagedType = keyof typeof NAMES;

/** Per-tick details, sub-tasks (files, items) and the final result of one kind of example work. */
interface WorkModel {
  details(tick: StageTick): Record<string, unknown>;
  tasks?: Array<{ id: string; name: string }>;
  /** How many sub-tasks are done at this tick. */
  tasksDone?(tick: StageTick): number;
  result(): unknown;
}

/** The upload, import and batch examples, driven through OperationsService with declared stages and tasks. */
@Injectable()
export class StagedOperationsService {
  constructor(
    private readonly operations: OperationsService,
    private readonly notices: OperationNotices,
  ) {}

  upload(user: Owner, request: ExampleRequest, files: UploadedFilePart[], defaultDurationMs: number) {
    const parts = files.length > 0 ? files : simulatedFiles();
    const doneAt = ({ stage, step, steps }: StageTick) =>
      stage.id === 'processing' ? Math.floor((step / steps) * parts.length) : stage.order > 3 ? parts.length : 0;
    return this.run(
      'file_upload',
      user,
      request,
      defaultDurationMs,
      { files: parts.length },
      {
        details: (tick) => {
          const done = doneAt(tick);
          return {
            processedCount: done,
            totalFiles: parts.length,
            files: parts.map((f, i) => ({ name: f.originalname, size: f.size, progress: i < done ? 100 : 0 })),
          };
        },
        tasks: parts.map((f, i) => ({ id: `file-${i + 1}`, name: f.originalname })),
        tasksDone: doneAt,
        result: () => ({
          files: parts.map((f) => ({ name: f.originalname, size: f.size, type: f.mimetype, path: `${request.destination ?? 'uploads/'}${f.originalname}` })),
          totalBytes: parts.reduce((n, f) => n + f.size, 0),
        }),
      },
    );
  }

  import(user: Owner, request: ExampleRequest, defaultDurationMs: number) {
    const records = 1000;
    return this.run(
      'data_import',
      user,
      request,
      defaultDurationMs,
      { records },
      {
        details: ({ stage, step, steps }) => ({
          processedCount: stage.id === 'validation' ? 0 : stage.id === 'processing' ? Math.round((records * step) / steps) : records,
          totalRecords: records,
        }),
        result: () => ({ importedCount: records, rejectedCount: 0 }),
      },
    );
  }

  batch(user: Owner, request: ExampleRequest, defaultDurationMs: number) {
    const items = request.items ?? 5;
    const doneAt = ({ stage, step, steps }: StageTick) =>
      stage.id === 'preparing' ? 0 : stage.id === 'processing' ? Math.floor((items * step) / steps) : items;
    return this.run(
      'batch_process',
      user,
      request,
      defaultDurationMs,
      { items },
      {
        details: (tick) => ({ processedCount: doneAt(tick), totalItems: items }),
        tasks: Array.from({ length: items }, (_, i) => ({ id: `item-${i + 1}`, name: `Item ${i + 1}` })),
        tasksDone: doneAt,
        result: () => ({ processedCount: items, failedCount: 0 }),
      },
    );
  }

  private run(type: StagedType, user: Owner, request: ExampleRequest, defaultDurationMs: number, details: Record<string, unknown>, model: WorkModel) {
    const estimatedDuration = request.simulate?.durationMs ?? defaultDurationMs;
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
    type: ExampleOperationType,
    model: WorkModel,
    durationMs: number,
    failAtStage: string | undefined,
    target: Parameters<OperationNotices['started']>[0],
  ) {
    try {
      await this.notices.started(target);
      await runStagedWork(EXAMPLE_STAGES[type], {
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
      const message = error instanceof Error ? error.message : String(error);
      await this.notices.finished(target, op.signal.aborted ? { kind: 'cancelled' } : { kind: 'failed', message }).catch(() => undefined);
    }
  }
}

/** Tasks before the done count are completed, the next one is at 50% once work has begun, the rest wait. */
function reportTasks(op: OperationHandle, model: WorkModel, tick: StageTick): void {
  if (!model.tasks || !model.tasksDone) return;
  const done = model.tasksDone(tick);
  model.tasks.forEach(({ id, name }, i) => {
    const task = op.task(id, name);
    if (i < done) task.complete();
    else if (i === done && tick.stage.order > 1) task.update(50);
  });
}

/** With a JSON body the upload example simulates three files. */
function simulatedFiles(): UploadedFilePart[] {
  return ['report.pdf', 'photo.jpg', 'data.csv'].map((name, i) => {
    const buffer = Buffer.from(`simulated content of ${name}\n`.repeat(100 * (i + 1)));
    return { originalname: name, mimetype: 'application/octet-stream', size: buffer.length, buffer };
  });
}
