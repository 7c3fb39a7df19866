import type { ReactNode } from 'react';

export interface TrackerDetailsProps {
  details: Record<string, unknown> | null;
  /** The operation's task counts, to say how many are done; null to leave them out. */
  tasks: { completed: number; total: number } | null;
}

/** The operation's details as a definition list, and how many of its tasks are done. */
export function TrackerDetails({ details, tasks }: TrackerDetailsProps): ReactNode {
  const entries = Object.entries(details ?? {});
  const counted = tasks !== null && tasks.total > 0;
  if (entries.length === 0 && !counted) return null;
  return (
    <dl className="lp-tracker__details">
      {entries.map(([key, value]) => (
        <DetailRow key={key} term={key} value={typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)} />
      ))}
      {counted ? <DetailRow term="tasks" value={`${tasks.completed} of ${tasks.total} done`} /> : null}
    </dl>
  );
}

function DetailRow({ term, value }: { term: string; value: string }): ReactNode {
  return (
    <>
      <dt>{term}</dt>
      <dd>{value}</dd>
    </>
  );
}
