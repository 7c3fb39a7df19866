import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { OperationsService, WebSocketService } from '@liveprogress/nest';
import type { DemoOperationRequest } from './demo-operation-request.schema.js';
import { DEMO_STAGES, stageDefinitions } from './demo-stages.js';
import { OperationNotices } from './operation-notices.js';
import { runStagedWork } from './staged-work.js';

const DEFAULT_DURATION_MS = 8000;

/**
 * The WebSocketService example (docs/nest.md, WebSocketService), kept in its shape: the service makes its own id and
 * reports through WebSocketService from work started inside the guarded request, which
 * is what makes the requesting user the owner.
 */
@Injectable()
export class MyOperationService {
  constructor(
    private readonly webSocketService: WebSocketService,
    private readonly notices: OperationNotices,
    private readonly operations: OperationsService,
  ) {}

  async startOperation(data: DemoOperationRequest, userId: string, tenantId: string) {
    const operationId = randomUUID();
    const estimatedDuration = data.simulate?.durationMs ?? DEFAULT_DURATION_MS;
    void this.processOperation(operationId, data, { userId, tenantId, estimatedDuration });
    return { operationId, estimatedDuration };
  }

  private async processOperation(operationId: string, data: DemoOperationRequest, ctx: { userId: string; tenantId: string; estimatedDuration: number }) {
    const name = data.name ?? 'My Custom Operation';
    const target = { operationId, name, userId: ctx.userId, tenantId: ctx.tenantId, visibility: data.visibility ?? 'owner' } as const;
    try {
      // The first update registers the operation; name, visibility and the four stages ride along with it.
      await this.webSocketService.sendProgressUpdate({
        operationId,
        operationType: 'generic',
        name,
        stages: stageDefinitions('generic'),
        visibility: target.visibility,
        stage: 'initialization',
        progress: 0,
        message: 'Starting operation...',
        timestamp: Date.now(),
      });
      await this.notices.started(target);
      let processed = 0;
      // Beyond the documented example: stop working when somebody cancels.
      const signal = this.operations.handle(operationId)?.signal;
      await runStagedWork(DEMO_STAGES.generic, {
        durationMs: ctx.estimatedDuration,
        ...(signal ? { signal } : {}),
        ...(data.simulate?.failAtStage ? { failAtStage: data.simulate.failAtStage } : {}),
        report: async ({ stage, step, steps, progress }) => {
          // 500 items over the processing stage, a few per step.
          if (stage.id === 'processing') processed = Math.round((500 * step) / steps);
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
      const result = { processedCount: processed, finishedAt: new Date().toISOString() };
      await this.webSocketService.sendOperationComplete(operationId, 'generic', result);
      await this.notices.finished(target, { kind: 'completed' });
    } catch (error) {
      // After a cancel request this records the cancellation rather than a failure.
      await this.webSocketService.sendOperationFailure(operationId, 'generic', error);
      const ended = await this.operations.get(operationId);
      await this.notices.finished(
        target,
        ended?.status === 'cancelled'
          ? { kind: 'cancelled', ...cancelledBy(ended.error?.details) }
          : { kind: 'failed', message: error instanceof Error ? error.message : String(error) },
      );
    }
  }
}

/** Who cancelled, from the cancelled event's `error.details.cancelledBy` (docs/protocol.md, progress.failed). */
function cancelledBy(details: unknown): { by?: string } {
  const by = typeof details === 'object' && details !== null ? (details as { cancelledBy?: unknown }).cancelledBy : undefined;
  return typeof by === 'string' ? { by } : {};
}
