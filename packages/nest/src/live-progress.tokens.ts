/** Resolved options (defaults filled in) are provided under this token. */
export const RESOLVED_OPTIONS = Symbol('LIVE_PROGRESS_RESOLVED_OPTIONS');
