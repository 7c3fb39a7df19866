import { Injectable } from '@nestjs/common';
import { type Audience, WebSocketService } from '@liveprogress/nest';

export interface NoticeTarget {
  operationId: string;
  name: string;
  userId: string;
  tenantId: string;
  visibility: 'owner' | 'tenant';
}

/**
 * The toasts and table refreshes around a demo operation: a toast on start and finish, a refresh of
 * `my_operations` when it ends. Each toast names its operation, so a page that toasts the end itself
 * shows one toast, not two (docs/protocol.md, `platform.system.alert`).
 */
@Injectable()
export class OperationNotices {
  constructor(private readonly ws: WebSocketService) {}

  async started(target: NoticeTarget): Promise<void> {
    await this.ws.sendToast(
      { title: 'Operation started', message: `${target.name} is now running`, type: 'info', duration: 4000, operationId: target.operationId },
      owner(target),
    );
    await this.ws.refreshTable('my_operations', 'created', { affectedIds: [target.operationId], audience: tableAudience(target), initiatedBy: target.userId });
  }

  async finished(target: NoticeTarget, outcome: Outcome): Promise<void> {
    await this.ws.sendToast({ ...toastFor(target, outcome), operationId: target.operationId }, owner(target));
    await this.ws.refreshTable('my_operations', outcome.kind, {
      affectedIds: [target.operationId],
      audience: tableAudience(target),
      initiatedBy: 'system',
    });
  }
}

/** How a demo operation ended; `by` is the user who cancelled it (the cancelled event's `error.details.cancelledBy`). */
export type Outcome = { kind: 'completed' } | { kind: 'failed'; message: string } | { kind: 'cancelled'; by?: string };

function toastFor(target: NoticeTarget, outcome: Outcome) {
  switch (outcome.kind) {
    case 'completed':
      return { title: 'Operation completed', message: `${target.name} finished successfully`, type: 'success', duration: 5000 } as const;
    case 'failed':
      return { title: 'Operation failed', message: `${target.name}: ${outcome.message}`, type: 'error', duration: 8000 } as const;
    case 'cancelled':
      return {
        title: 'Operation cancelled',
        message: `${target.name} was cancelled${cancelledBy(target, outcome.by)}`,
        type: 'warning',
        duration: 8000,
      } as const;
  }
}

/** " by you" to the owner who cancelled, " by dana" when somebody else in the tenant did. */
const cancelledBy = (t: NoticeTarget, by: string | undefined): string => (!by ? '' : by === t.userId ? ' by you' : ` by ${by}`);
const owner = (t: NoticeTarget): Audience => ({ userId: t.userId, tenantId: t.tenantId });
/** A tenant-visible operation is in everyone's table of that tenant. */
const tableAudience = (t: NoticeTarget): Audience => (t.visibility === 'tenant' ? { tenantId: t.tenantId } : owner(t));
