import type { Visibility } from '@liveprogress/protocol';
import type { TaskFailurePolicy } from './operation-handle.js';
import type { StageInput } from './stage-plan.js';

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
  /** The stages, in `order`; each may carry a `weight` or a `range: [from, to]` of the bar for `op.stage(id)`. */
  stages?: StageInput[];
  /** `continue` (default): a failed task is listed when the operation completes; `fail-operation`: the first failed task fails it. */
  taskFailure?: TaskFailurePolicy;
  /** Expected duration in milliseconds, used for the ETA until it is overrun. */
  estimatedDuration?: number;
  details?: Record<string, unknown>;
  /**
   * A W3C trace context (`00-<trace id>-<span id>-<flags>`) the operation's span continues, for work
   * started on behalf of another process (docs/operations.md, Tracing); absent: the active context. Not stored.
   */
  traceparent?: string;
}
