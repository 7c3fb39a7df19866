/** Resolved options (defaults filled in) are provided under this token. */
export const RESOLVED_OPTIONS = Symbol('LIVE_PROGRESS_RESOLVED_OPTIONS');

/** The OperationStore the module uses; bind your own implementation to it (or pass `store` to forRoot) to replace the default one. */
export const OPERATION_STORE = Symbol('LIVE_PROGRESS_OPERATION_STORE');

/** The `Metrics` the module reports to (@liveprogress/core): Prometheus ones when `metrics` is on, no-op ones otherwise. */
export const LIVE_PROGRESS_METRICS = Symbol('LIVE_PROGRESS_METRICS');
