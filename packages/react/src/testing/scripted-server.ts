import {
  applyEvent,
  type EventInput,
  isTerminalStatus,
  type ListRequest,
  type OperationSnapshot,
  ServerEvent,
  type StageDefinition,
  type StoredEvent,
} from '@liveprogress/protocol';

/** How a scripted operation starts out; every field has a default. */
export interface ScriptedOperationInit {
  operationType?: string;
  name?: string | null;
  /** Planned stages, as ids (`['validation', 'processing']`) or full definitions; updates in one of them carry "step n of N". */
  stages?: readonly (string | StageDefinition)[];
  ownerId?: string;
  tenantId?: string;
}

interface Scripted {
  snapshot: OperationSnapshot;
  events: StoredEvent[];
}

type Push = (name: string, payload: unknown) => void;

/**
 * What a LiveProgress server holds, in memory, for `@liveprogress/react/testing`: each
 * operation's snapshot and numbered events. An event is folded into the snapshot with the
 * protocol's `applyEvent`, the rule the real server's stores use, and pushed to the connected
 * client, whose own store folds it again with the same rule.
 */
export class ScriptedServer {
  private readonly operations = new Map<string, Scripted>();
  private readonly pushes = new Set<Push>();

  /** The operation, created pending the first time anyone (the test or a subscribe) names it. */
  ensure(operationId: string, init: ScriptedOperationInit = {}): Scripted {
    let scripted = this.operations.get(operationId);
    if (!scripted) {
      scripted = { snapshot: pendingSnapshot(operationId, init), events: [] };
      this.operations.set(operationId, scripted);
    }
    return scripted;
  }

  get(operationId: string): Scripted | undefined {
    return this.operations.get(operationId);
  }

  /** Numbers the event, stores it, and sends it to the connected client. */
  emit(operationId: string, input: EventInput): StoredEvent {
    const scripted = this.ensure(operationId);
    if (isTerminalStatus(scripted.snapshot.status)) {
      // The real server refuses to write to an ended operation; a test that tries has a mistake in its script.
      throw new Error(`operation ${operationId} already ended (${scripted.snapshot.status}): nothing more can happen to it`);
    }
    const event = { ...input, seq: scripted.snapshot.seq + 1 } as StoredEvent;
    scripted.snapshot = applyEvent(scripted.snapshot, event);
    scripted.events.push(event);
    const { event: name, ...payload } = event;
    this.push(name, payload);
    return event;
  }

  /** Removes the operation, as `operation.delete` does, and tells the client (`operation.deleted`). */
  delete(operationId: string): void {
    this.operations.delete(operationId);
    this.push(ServerEvent.OPERATION_DELETED, { operationId });
  }

  list(filter: ListRequest): OperationSnapshot[] {
    const all = [...this.operations.values()].map(({ snapshot }) => snapshot).reverse();
    const matching = all.filter(
      (op) => (!filter.status || op.status === filter.status) && (!filter.operationType || op.operationType === filter.operationType),
    );
    return matching.slice(0, filter.limit ?? 50);
  }

  push(name: string, payload: unknown): void {
    for (const push of this.pushes) push(name, payload);
  }

  onPush(push: Push): () => void {
    this.pushes.add(push);
    return () => this.pushes.delete(push);
  }
}

function pendingSnapshot(operationId: string, init: ScriptedOperationInit): OperationSnapshot {
  const now = Date.now();
  const stages = init.stages?.map((stage, index) => (typeof stage === 'string' ? { id: stage, name: stage, order: index } : stage)) ?? null;
  return {
    operationId,
    operationType: init.operationType ?? 'generic',
    name: init.name ?? null,
    status: 'pending',
    stage: null,
    progress: 0,
    message: null,
    details: null,
    stages,
    tasks: null,
    result: null,
    error: null,
    ownerId: init.ownerId ?? 'test-user',
    tenantId: init.tenantId ?? 'test-tenant',
    visibility: 'owner',
    createdAt: now,
    updatedAt: now,
    startedAt: null,
    finishedAt: null,
    estimatedCompletion: null,
    seq: 0,
  };
}
