import { Injectable } from '@nestjs/common';
import { type Audience, WebSocketService } from '@liveprogress/nest';

export interface NoticeTarget {
  operationId: string;
  name: string;
  userId: string;
  tenantId: string;
  visibility: 'owner' | 'tenant';
}

export type Outcome = { kind: 'completed' } | { kind: 'failed'; message: string } | { kind: 'cancelled' };

/** The toasts and `my_operations` table refreshes around an example operation: when it starts and when it ends. */
@Injectable()
export class OperationNotices {
  constructor(private readonly ws: WebSocketService) {}

  async started(target: NoticeTarget): Promise<void> {
    await this.ws.sendToast({ title: 'Operation started', message: `${target.name} is now running`, type: 'info', duration: 4000 }, owner(target));
    await this.ws.refreshTable('my_operations', 'created', { affectedIds: [target.operationId], audience: tableAudience(target), initiatedBy: target.userId });
  }

  async finished(target: NoticeTarget, outcome: Outcome): Promise<void> {
    await this.ws.sendToast(toastFor(target, outcome), owner(target));
    await this.ws.refreshTable('my_operations', outcome.kind, { affectedIds: [target.operationId], audience: tableAudience(target), initiatedBy: 'system' });
  }
}

function toastFor(target: NoticeTarget, outcome: Outcome) {
  switch (outcome.kind) {
    case 'completed':
      return { title: 'Operation completed', message: `${target.name} finished successfully`, type: 'success', duration: 5000 } as const;
    case 'failed':
      return { title: 'Operation failed', message: `${target.name}: ${outcome.message}`, type: 'error', duration: 8000 } as const;
    case 'cancelled':
      return { title: 'Operation cancelled', message: `${target.name} was cancelled`, type: 'warning', duration: 5000 } as const;
  }
}

const owner = (t: NoticeTarget): Audience => ({ userId: t.userId, tenantId: t.tenantId });
/** A tenant-visible operation is in everyone's table of that tenant. */
const tableAudience = (t: NoticeTarget): Audience => (t.visibility === 'tenant' ? { tenantId: t.tenantId } : owner(t));
