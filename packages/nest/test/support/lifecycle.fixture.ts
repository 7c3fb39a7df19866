import { Injectable, Module } from '@nestjs/common';
import type { OperationSnapshot, StoredEvent } from '@liveprogress/protocol';
import { OnOperationCancelled, OnOperationCompleted, OnOperationFailed, OnOperationProgress } from '../../src/index.js';

/** A provider with decorated lifecycle hooks, as an application would write one. */
@Injectable()
export class AuditTrail {
  readonly seen: string[] = [];

  @OnOperationCompleted()
  completed(event: StoredEvent, snapshot: OperationSnapshot): void {
    this.seen.push(`completed:${event.operationType}:${snapshot.status}`);
  }

  @OnOperationCompleted('report')
  reportCompleted(event: StoredEvent): void {
    this.seen.push(`report-completed:${event.operationId}`);
  }

  @OnOperationFailed()
  failed(event: StoredEvent): void {
    this.seen.push(`failed:${event.operationType}`);
  }

  @OnOperationCancelled()
  cancelled(event: StoredEvent): void {
    this.seen.push(`cancelled:${event.operationType}`);
  }

  @OnOperationProgress('report')
  async progress(event: StoredEvent): Promise<void> {
    this.seen.push(`progress:${event.seq}`);
    throw new Error('a broken hook must not stop delivery');
  }
}

@Module({ providers: [AuditTrail] })
export class AuditModule {}
