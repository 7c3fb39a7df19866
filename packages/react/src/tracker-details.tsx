import type { TaskSnapshot } from '@liveprogress/protocol';
import type { ReactNode } from 'react';

/** The operation's details as a definition list, and how many of its tasks are done. */
export function TrackerDetails({ details, tasks }: { details: Record<string, unknown> | null; tasks: readonly TaskSnapshot[] | null }): ReactNode {
  const entries = Object.entries(details ?? {});
  if (entries.length === 0 && !tasks?.length) return null;
  return (
    <dl className="lp-tracker__details">
      {entries.map(([key, value]) => (
        <DetailRow key={key} term={key} value={typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value)} />
      ))}
      {tasks?.length ? <DetailRow term="tasks" value={`${tasks.filter((task) => task.status === 'completed').length} of ${tasks.length} done`} /> : null}
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
