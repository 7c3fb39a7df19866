import type { ReactNode } from 'react';
import { detailLabel } from './detail-label.js';

export interface TrackerDetailsProps {
  details: Record<string, unknown> | null;
  /** The operation's task counts, to say how many are done; null to leave them out. */
  tasks: { completed: number; total: number } | null;
}

/** The operation's details as a definition list (keys in words, numbers grouped), and how many of its tasks are done. */
export function TrackerDetails({ details, tasks }: TrackerDetailsProps): ReactNode {
  const entries = Object.entries(details ?? {});
  const counted = tasks !== null && tasks.total > 0;
  if (entries.length === 0 && !counted) return null;
  return (
    <dl className="lp-tracker__details">
      {entries.map(([key, value]) => (
        <DetailRow key={key} term={detailLabel(key)} value={detailValue(value)} />
      ))}
      {counted ? <DetailRow term="Tasks" value={`${tasks.completed.toLocaleString()} of ${tasks.total.toLocaleString()} done`} /> : null}
    </dl>
  );
}

function detailValue(value: unknown): string {
  if (typeof value === 'number') return value.toLocaleString();
  // null reads "null" either way.
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function DetailRow({ term, value }: { term: string; value: string }): ReactNode {
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}
