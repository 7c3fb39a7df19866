/** What application code may report in one `update()`. */
export interface OperationUpdate {
  /** 0–100; clamped, and never lower than what was already reported. */
  progress?: number;
  stage?: string;
  message?: string;
  /** Merged into the previous details (shallowly), so counters can be updated one at a time. */
  details?: Record<string, unknown>;
}

/** How a failure is reported: an Error, a message, or the contract's error object. */
export type OperationFailure = Error | string | { message: string; code?: string; details?: unknown };
