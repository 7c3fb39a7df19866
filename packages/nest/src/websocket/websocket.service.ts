import { Inject, Injectable, Logger } from '@nestjs/common';
import { ServerEvent, isValidEventName, type SystemAlertPayload, type TableRefreshPayload, type Toast, type Visibility } from '@liveprogress/protocol';
import type { AuthUser } from '../auth/auth-user.js';
import { RequestUserContext } from '../auth/request-user.context.js';
import { InvalidOperationInputError, LiveProgressError, type OperationFailure, type OperationHandle, ReportedOnce, type StageInput } from '@liveprogress/core';
import { RoomEvents } from '../events/room-events.js';
import { UnknownOperationError } from './unknown-operation.error.js';
import { OperationsService } from '../operations/operations.service.js';
import type { ResolvedOptions } from '../live-progress.options.js';
import { RESOLVED_OPTIONS } from '../live-progress.tokens.js';

import { type Audience, audienceRooms } from './audience.js';

/** A progress event as `sendProgressUpdate` takes it; the server stamps `timestamp` and `seq` itself. */
export interface ProgressUpdateInput {
  operationId: string;
  operationType?: string;
  stage?: string;
  progress?: number;
  message?: string;
  details?: Record<string, unknown>;
  timestamp?: number;
  /** Owner of an operation this process has not seen yet, when not called inside a guarded request. */
  owner?: { userId: string; tenantId: string };
  visibility?: Visibility;
  name?: string;
  /** The operation's stages, read from the call that registers it (clients show them before each starts). */
  stages?: StageInput[];
}

/** The type of an operation whose first update named none, until a later call names it (docs/nest.md, The operation's type). */
const DEFAULT_OPERATION_TYPE = 'operation';
const SERVER_OWNED_EVENTS = /^(progress|auth)\./;

/**
 * A facade with the method names of the original implementation guide (docs/nest.md, WebSocketService): progress by operation id, toasts,
 * table refreshes and custom events to rooms. New code can use OperationsService directly.
 */
@Injectable()
export class WebSocketService {
  private readonly registering = new Map<string, Promise<OperationHandle>>();
  private readonly logger = new Logger('LiveProgress');
  /** Ids whose missing owner was already logged: the guide's code reports each failure twice (update, then failure). */
  private readonly unowned = new ReportedOnce(1000);

  constructor(
    private readonly operations: OperationsService,
    private readonly roomEvents: RoomEvents,
    private readonly requestUser: RequestUserContext,
    @Inject(RESOLVED_OPTIONS) private readonly options: ResolvedOptions,
  ) {}

  async sendProgressUpdate(event: ProgressUpdateInput): Promise<void> {
    if (!event || typeof event.operationId !== 'string') {
      throw new InvalidOperationInputError('sendProgressUpdate needs `{ operationId, ... }`');
    }
    const handle = await this.resolve(event.operationId, event.operationType, event);
    handle.update({
      ...(event.progress !== undefined ? { progress: event.progress } : {}),
      ...(event.stage !== undefined ? { stage: event.stage } : {}),
      ...(event.message !== undefined ? { message: event.message } : {}),
      ...(event.details !== undefined ? { details: event.details } : {}),
    });
  }

  async sendOperationComplete(operationId: string, operationType: string, result?: unknown): Promise<void> {
    const handle = await this.resolve(operationId, operationType, {});
    handle.complete(result);
    await handle.flushed();
  }

  /**
   * Ends the operation as failed (cancelled, after a cancel request). For an operation that
   * could never be registered (no owner) it logs the fix once and resolves: it is called from
   * `catch` blocks of work nobody awaits, where a rejection would end the process.
   */
  async sendOperationFailure(operationId: string, operationType: string, error: OperationFailure | unknown): Promise<void> {
    let handle: OperationHandle;
    try {
      handle = await this.resolve(operationId, operationType, {});
    } catch (err) {
      if (err instanceof UnknownOperationError) return;
      throw err;
    }
    handle.fail(error);
    await handle.flushed();
  }

  /** Emits an application event to rooms it names (e.g. `platform.admin.global`). */
  async sendToRooms(event: string, payload: unknown, rooms: string[]): Promise<void> {
    if (!isValidEventName(event) || SERVER_OWNED_EVENTS.test(event)) {
      throw new LiveProgressError(
        'EVENT_NAME_INVALID',
        `"${event}" cannot be sent: names match ${String(/^[a-z0-9][a-z0-9_.:-]{0,127}$/)} and progress.* / auth.* belong to the server`,
      );
    }
    if (!Array.isArray(rooms) || rooms.length === 0 || rooms.some((r) => typeof r !== 'string' || r.length === 0)) {
      throw new LiveProgressError('ROOMS_INVALID', 'sendToRooms needs a non-empty list of room names');
    }
    this.roomEvents.emit(rooms, event, payload);
  }

  /** A `platform.system.alert` toast; to the current request's user when no audience is given. */
  async sendToast(toast: Toast, audience?: Audience): Promise<void> {
    const payload: SystemAlertPayload = { type: 'toast', toast };
    this.roomEvents.emit(audienceRooms(audience, this.requestUser.current()), ServerEvent.SYSTEM_ALERT, payload);
  }

  /** A `platform.table.refresh` telling clients to reload `table`. */
  async refreshTable(
    table: string,
    action: string,
    options: { data?: unknown; affectedIds?: string[]; initiatedBy?: string; audience?: Audience } = {},
  ): Promise<void> {
    const user = this.requestUser.current();
    const payload: TableRefreshPayload = {
      type: 'table_refresh',
      table,
      action,
      ...(options.data !== undefined ? { data: options.data } : {}),
      ...(options.affectedIds ? { affectedIds: options.affectedIds } : {}),
      metadata: { timestamp: Date.now(), initiatedBy: options.initiatedBy ?? user?.userId ?? 'system' },
    };
    this.roomEvents.emit(audienceRooms(options.audience, user), ServerEvent.TABLE_REFRESH, payload);
  }

  /**
   * The handle for an id: running here, stored (by another process or before a restart),
   * or new, owned by `owner` or the guarded request's user. Concurrent first calls share one registration.
   */
  private resolve(
    operationId: string,
    operationType: string | undefined,
    event: Pick<ProgressUpdateInput, 'owner' | 'visibility' | 'name' | 'stages'>,
  ): Promise<OperationHandle> {
    const running = this.operations.handle(operationId);
    if (running) {
      running.nameType(operationType);
      return Promise.resolve(running);
    }
    const inFlight = this.registering.get(operationId);
    if (inFlight) return inFlight;
    const owner: AuthUser | { userId: string; tenantId: string } | undefined = event.owner ?? this.requestUser.current();
    const reason = this.requestUser.missingReason();
    const registration = (async () => {
      const stored = await this.operations.get(operationId);
      if (stored) {
        // Registered elsewhere (another node, before a restart) with the placeholder type: a later call may still name it.
        const adopted = this.operations.adopt(stored, { placeholderType: stored.operationType === DEFAULT_OPERATION_TYPE });
        adopted.nameType(operationType);
        return adopted;
      }
      if (!owner) throw this.unknown(operationId, reason);
      return this.operations.register(
        {
          operationId,
          operationType: operationType ?? DEFAULT_OPERATION_TYPE,
          userId: owner.userId,
          tenantId: owner.tenantId,
          ...(event.visibility ? { visibility: event.visibility } : {}),
          ...(event.name ? { name: event.name } : {}),
          ...(event.stages ? { stages: event.stages } : {}),
        },
        { placeholderType: operationType === undefined },
      );
    })();
    this.registering.set(operationId, registration);
    const forget = () => this.registering.delete(operationId);
    registration.then(forget, forget);
    return registration;
  }

  /** The error for an id nobody can own, logged once per id with the fix. */
  private unknown(operationId: string, reason: string | undefined): UnknownOperationError {
    const error = new UnknownOperationError(operationId, reason, this.options.auth.tenantClaim);
    if (this.unowned.first(operationId)) this.logger.error(error.message);
    return error;
  }
}
