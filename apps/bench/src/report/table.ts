import { BASELINE, SERVER_LABELS, type ServerKind } from '../shared/server-kind.js';
import { formatRatio, formatValue } from './format.js';
import type { ScenarioResult } from './scenario-result.js';

/**
 * A scenario as a Markdown table (readable in a terminal, pasteable into the docs):
 * one column per server, then each non-baseline server's ratio to bare Socket.IO.
 */
export function renderScenario(result: ScenarioResult, servers: ServerKind[]): string {
  const out: string[] = [`## ${result.title}`, ''];
  if (result.skipped) {
    out.push(`Skipped: ${result.skipped}`, '');
    return out.join('\n');
  }
  const compared = servers.filter((s) => s !== BASELINE);
  const header = ['metric', ...servers.map((s) => SERVER_LABELS[s]), ...compared.map((s) => `${SERVER_LABELS[s]} ÷ ${SERVER_LABELS[BASELINE]}`)];
  const body = result.rows.map((row) => [
    row.metric,
    ...servers.map((s) => formatValue(row.values[s], row.unit)),
    ...compared.map((s) => (row.ratio === false ? '' : formatRatio(row.values[s], row.values[BASELINE]))),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((r) => r[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  out.push(line(header), `|${widths.map((w, i) => (i === 0 ? ':' : '-') + '-'.repeat(w) + (i === 0 ? '-' : ':')).join('|')}|`, ...body.map(line), '');
  for (const note of result.notes) out.push(`- ${note}`);
  if (result.notes.length) out.push('');
  for (const t of result.targets) out.push(`Target ${t.met === null ? 'NOT MEASURED' : t.met ? 'MET' : 'MISSED'}: ${t.target} — ${t.measured}`);
  if (result.targets.length) out.push('');
  return out.join('\n');
}
