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

/** Every scenario reports how much CPU other processes took during its window. */
export const OTHER_CPU = 'otherCpuPct';

/**
 * Runs `measure` for every server in turn, `rounds` times interleaved (A B C, B C A, …), and
 * keeps each server's round with the least CPU taken by other processes, i.e. the one
 * measured on the quietest machine. A failing server becomes a note and an empty
 * column, not a failed run.
 */
export async function measureEach<K extends string, S extends ServerKind = ServerKind>(
  servers: S[],
  rounds: number,
  notes: string[],
  log: (line: string) => void,
  measure: (kind: S) => Promise<Record<K | typeof OTHER_CPU, number>>,
): Promise<Measures<K | typeof OTHER_CPU>> {
  const measures: Measures<K | typeof OTHER_CPU> = {};
  for (let round = 1; round <= rounds; round++) {
    // Each round starts with the next server, so that none is always first (or always after another).
    const order = servers.map((_, i) => servers[(i + round - 1) % servers.length]!);
    for (const kind of order) {
      log(`  ${SERVER_LABELS[kind]}${rounds > 1 ? ` (round ${round} of ${rounds})` : ''}…`);
      try {
        const result = await measure(kind);
        log(
          `  ${SERVER_LABELS[kind]}: ${Object.entries(result)
            .map(([k, v]) => `${k}=${Number((v as number).toPrecision(3))}`)
            .join(' ')}`,
        );
        const kept = measures[kind];
        if (!kept || result[OTHER_CPU] < kept[OTHER_CPU]) measures[kind] = result;
      } catch (err) {
        const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
        notes.push(`${SERVER_LABELS[kind]}${rounds > 1 ? ` (round ${round})` : ''} failed: ${message}`);
        log(`  ${SERVER_LABELS[kind]} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
      }
    }
  }
  if (rounds > 1) notes.push(`${rounds} rounds, servers interleaved in rotating order; each column is the round with the least CPU used by other processes.`);
  return measures;
}

/** The row every table ends with: how noisy the machine was while each column was measured. */
export const OTHER_CPU_ROW = { key: OTHER_CPU, metric: 'other processes, % of a core (noise)', unit: 'percent', ratio: false } as const;

/** Flags runs where the load generator, which shares the machine, was itself the bottleneck. */
export function loadgenNotes<K extends string>(measures: Measures<K>, key: K, notes: string[]): void {
  for (const kind of SERVER_KINDS) {
    const cpu = measures[kind]?.[key];
    if (cpu !== undefined && cpu > 90) {
      notes.push(`The load generator used ${cpu.toFixed(0)} % of a core during the ${SERVER_LABELS[kind]} run: its figures may be bounded by the client side.`);
    }
  }
}
