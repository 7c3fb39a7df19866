import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OperationsService, WebSocketService } from '@liveprogress/nest';
import { EXAMPLE_STAGES } from './example-stages.js';
import type { ExampleRequest } from './example-request.js';
import { OperationNotices } from './operation-notices.js';
import { runStagedWork } from './staged-work.js';

/**
 * `POST /api/my-operations`, in the guide's backend shape: the service makes its own id and
 * reports through WebSocketService from work started inside the guarded request, which makes
 * the requesting user the owner. No stages are declared; the first update registers the operation.
 */
@Injectable()
export class GuideOperationService {
  constructor(
    private readonly webSocketService: WebSocketService,
    private readonly operations: OperationsService,
    private readonly notices: OperationNotices,
  ) {}

  start(request: ExampleRequest, user: { userId: string; tenantId: string }, defaultDurationMs: number) {
    const operationId = randomUUID();
    const estimatedDuration = request.simulate?.durationMs ?? defaultDurationMs;
    void this.work(operationId, request, user, estimatedDuration);
    return { operationId, estimatedDuration };
  }

  private async work(operationId: string, request: ExampleRequest, user: { userId: string; tenantId: string }, durationMs: number): Promise<void> {
    const name = request.name ?? 'My Custom Operation';
    const target = { operationId, name, ...user, visibility: request.visibility ?? 'owner' } as const;
    try {
      await this.webSocketService.sendProgressUpdate({
        operationId,
        operationType: 'generic',
        name,
        visibility: target.visibility,
        stage: 'initialization',
        progress: 0,
        message: 'Starting operation...',
        timestamp: Date.now(),
      });
      await this.notices.started(target);
      let processed = 0;
      const signal = this.operations.handle(operationId)?.signal;
      await runStagedWork(EXAMPLE_STAGES.generic, {
        durationMs,
        ...(signal ? { signal } : {}),
        ...(request.simulate?.failAtStage ? { failAtStage: request.simulate.failAtStage } : {}),
        report: async ({ stage, progress }) => {
          if (stage.id === 'processing') processed += 100;
          await this.webSocketService.sendProgressUpdate({
            operationId,
            stage: stage.id,
            progress,
            message: `${stage.description}...`,
            details: { processedCount: processed },
            timestamp: Date.now(),
          });
        },
      });
      await this.webSocketService.sendOperationComplete(operationId, 'generic', { processedCount: processed, finishedAt: new Date().toISOString() });
      await this.notices.finished(target, { kind: 'completed' });
    } catch (error) {
      // After a cancel request this records the cancellation rather than a failure.
      await this.webSocketService.sendOperationFailure(operationId, 'generic', error);
      const cancelled = (await this.operations.get(operationId))?.status === 'cancelled';
      await this.notices.finished(
        target,
        cancelled ? { kind: 'cancelled' } : { kind: 'failed', message: error instanceof Error ? error.message : String(error) },
      );
    }
  }
}
