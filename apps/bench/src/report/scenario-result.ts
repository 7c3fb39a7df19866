import type { ServerKind } from '../shared/server-kind.js';

export type Unit = 'count' | 'perSecond' | 'ms' | 'us' | 'percent' | 'mb' | 'kb' | 'ratio';

/** One line of a scenario's table: a figure per server. */
export interface Row {
  metric: string;
  unit: Unit;
  values: Partial<Record<ServerKind, number>>;
  /** false for figures whose ratio means nothing (counts that are fixed by the plan). */
  ratio?: boolean;
}

/** An issue target checked against this run; `met` is null when it could not be measured. */
export interface TargetCheck {
  target: string;
  measured: string;
  met: boolean | null;
}

export interface ScenarioResult {
  name: string;
  title: string;
  rows: Row[];
  notes: string[];
  targets: TargetCheck[];
  /** Set when the scenario did not run; the reason is printed instead of a table. */
  skipped?: string;
}
