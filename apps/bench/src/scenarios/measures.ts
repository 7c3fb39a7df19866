import type { Row, Unit } from '../report/scenario-result.js';
import { type ServerKind, SERVER_KINDS, SERVER_LABELS, BASELINE } from '../shared/server-kind.js';

/** Per-server figures of one scenario, keyed by metric, turned into table rows in a fixed order. */
export type Measures<K extends string> = Partial<Record<ServerKind, Record<K, number>>>;

export function rowsOf<K extends string>(measures: Measures<K>, spec: Array<{ key: K; metric: string; unit: Unit; ratio?: boolean }>): Row[] {
  return spec.map(({ key, metric, unit, ratio }) => {
    const values: Partial<Record<ServerKind, number>> = {};
    for (const kind of SERVER_KINDS) {
      const v = measures[kind]?.[key];
      if (v !== undefined) values[kind] = v;
    }
    return { metric, unit, values, ...(ratio === false ? { ratio: false } : {}) };
  });
}

/** LiveProgress ÷ baseline for one metric, when both ran. */
export function ratioOf<K extends string>(measures: Measures<K>, key: K, kind: ServerKind = 'liveprogress'): number | null {
  const v = measures[kind]?.[key];
  const base = measures[BASELINE]?.[key];
  if (v === undefined || base === undefined || base === 0) return null;
  return v / base;
}

/** Runs `measure` for every server in turn; a failing server becomes a note and an empty column, not a failed run. */
export async function measureEach<K extends string>(
  servers: ServerKind[],
  notes: string[],
  log: (line: string) => void,
  measure: (kind: ServerKind) => Promise<Record<K, number>>,
): Promise<Measures<K>> {
  const measures: Measures<K> = {};
  for (const kind of servers) {
    log(`  ${SERVER_LABELS[kind]}…`);
    try {
      measures[kind] = await measure(kind);
    } catch (err) {
      const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
      notes.push(`${SERVER_LABELS[kind]} failed: ${message}`);
      log(`  ${SERVER_LABELS[kind]} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    }
  }
  return measures;
}

/** Flags runs where the load generator, which shares the machine, was itself the bottleneck. */
export function loadgenNotes<K extends string>(measures: Measures<K>, key: K, notes: string[]): void {
  for (const kind of SERVER_KINDS) {
    const cpu = measures[kind]?.[key];
    if (cpu !== undefined && cpu > 90) {
      notes.push(`The load generator used ${cpu.toFixed(0)} % of a core during the ${SERVER_LABELS[kind]} run: its figures may be bounded by the client side.`);
    }
  }
}
