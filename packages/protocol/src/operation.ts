/** The state of one operation (docs/protocol.md, The snapshot). */
export const OperationStatus = {
  PENDING: 'pending',
  RUNNING: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
  CANCELLED: 'cancelled',
} as const;
export type OperationStatus = (typeof OperationStatus)[keyof typeof OperationStatus];

export const OPERATION_STATUSES = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const satisfies readonly OperationStatus[];
/** The statuses an operation ends in: after one of them no event is stored for it. */
export const TERMINAL_STATUSES = ['completed', 'failed', 'cancelled'] as const satisfies readonly OperationStatus[];
export type TerminalStatus = (typeof TERMINAL_STATUSES)[number];

const TERMINAL: ReadonlySet<OperationStatus> = new Set(TERMINAL_STATUSES);

export function isTerminalStatus(status: OperationStatus): boolean {
  return TERMINAL.has(status);
}

export const TaskStatus = {
  PENDING: 'pending',
  RUNNING: 'running',
  COMPLETED: 'completed',
  FAILED: 'failed',
} as const;
export type TaskStatus = (typeof TaskStatus)[keyof typeof TaskStatus];

export const Visibility = { OWNER: 'owner', TENANT: 'tenant' } as const;
export type Visibility = (typeof Visibility)[keyof typeof Visibility];

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

export interface StageDefinition {
  id: string;
  name: string;
  description?: string;
  order: number;
}

export interface TaskSnapshot {
  id: string;
  name: string;
  status: TaskStatus;
  progress: number;
  message?: string;
  /** Share of the operation's progress this task carries (default 1). */
  weight?: number;
  startedAt?: number | null;
  finishedAt?: number | null;
  /** What the task produced, e.g. `{ files: [...] }`. */
  output?: unknown;
  error?: OperationErrorInfo;
}

export interface OperationErrorInfo {
  message: string;
  code?: string;
  details?: unknown;
}

/** Every field is present; `null` where it has no value. */
export interface OperationSnapshot {
  operationId: string;
  operationType: string;
  name: string | null;
  status: OperationStatus;
  stage: string | null;
  progress: number;
  message: string | null;
  details: Record<string, unknown> | null;
  stages: StageDefinition[] | null;
  tasks: TaskSnapshot[] | null;
  result: unknown;
  error: OperationErrorInfo | null;
  ownerId: string;
  tenantId: string;
  visibility: Visibility;
  createdAt: number;
  updatedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  estimatedCompletion: number | null;
  seq: number;
  /** Present when the operation has tasks. */
  completedTasks?: number;
  totalTasks?: number;
  /** Position of the current stage (1-based) among `stages`, when it has stages. */
  step?: number;
  totalSteps?: number;
  /** Ids of tasks that failed in an operation that completed anyway. */
  failedTasks?: string[];
}
