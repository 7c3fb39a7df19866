import type { StageDefinition, Visibility } from '@liveprogress/protocol';

/** What `OperationsService.start()` takes. */
export interface StartOperationInput {
  /** Your own id (e.g. a `randomUUID()` you already returned); one is made when absent. */
  operationId?: string;
  operationType: string;
  name?: string;
  userId: string;
  tenantId: string;
  /** `owner` (default): the owner and the tenant's admins; `tenant`: everyone in the tenant. */
  visibility?: Visibility;
  stages?: StageDefinition[];
  /** Expected duration in milliseconds, used for the ETA until it is overrun. */
  estimatedDuration?: number;
  details?: Record<string, unknown>;
}
