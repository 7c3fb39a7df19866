import { Injectable } from '@nestjs/common';
import { type Audience, WebSocketService } from '@liveprogress/nest';

export interface NoticeTarget {
  operationId: string;
  name: string;
  userId: string;
  tenantId: string;
  visibility: 'owner' | 'tenant';
}

/** The toasts and table refreshes around a demo operation: a toast on start and finish, a refresh of `my_operations` when it ends. */
@Injectable()
export class OperationNotices {
  constructor(private readonly ws: WebSocketService) {}

  async started(target: NoticeTarget): Promise<void> {
    await this.ws.sendToast({ title: 'Operation started', message: `${target.name} is now running`, type: 'info', duration: 4000 }, owner(target));
    await this.ws.refreshTable('my_operations', 'created', { affectedIds: [target.operationId], audience: tableAudience(target), initiatedBy: target.userId });
  }

  async finished(target: NoticeTarget, outcome: { ok: true } | { ok: false; message: string }): Promise<void> {
    await this.ws.sendToast(
      outcome.ok
        ? { title: 'Operation completed', message: `${target.name} finished successfully`, type: 'success', duration: 5000 }
        : { title: 'Operation failed', message: `${target.name}: ${outcome.message}`, type: 'error', duration: 8000 },
      owner(target),
    );
    await this.ws.refreshTable('my_operations', outcome.ok ? 'completed' : 'failed', {
      affectedIds: [target.operationId],
      audience: tableAudience(target),
      initiatedBy: 'system',
    });
  }
}

const owner = (t: NoticeTarget): Audience => ({ userId: t.userId, tenantId: t.tenantId });
/** A tenant-visible operation is in everyone's table of that tenant. */
const tableAudience = (t: NoticeTarget): Audience => (t.visibility === 'tenant' ? { tenantId: t.tenantId } : owner(t));
