import type { InspectedOperation } from '@liveprogress/client';
import type { ReactNode } from 'react';
import { styles } from './devtools-styles.js';

/** "1.5 s ago": the age of the last event, to a tenth of a second. */
function ago(at: number | null, now: number): string {
  if (at === null) return 'no event yet';
  return `${(Math.max(0, now - at) / 1000).toFixed(1)} s ago`;
}

/** One watched operation: its counters, then its last events, newest first. */
export function InspectedOperationView({ operation, now, maxEvents }: { operation: InspectedOperation; now: number; maxEvents: number }): ReactNode {
  const events = operation.events.slice(-maxEvents).reverse();
  return (
    <li data-operation-id={operation.operationId}>
      <strong>{operation.operationId}</strong>
      <div style={styles.facts}>
        <span>seq {operation.seq}</span>
        <span>{operation.subscription}</span>
        <span>last event {ago(operation.lastEventAt, now)}</span>
        <span>
          {operation.subscribers} subscriber{operation.subscribers === 1 ? '' : 's'}
        </span>
        <span>
          {operation.recoveries} recover{operation.recoveries === 1 ? 'y' : 'ies'}
        </span>
        <span>
          {operation.gaps} gap{operation.gaps === 1 ? '' : 's'}
        </span>
      </div>
      {events.length > 0 ? (
        <table style={styles.table}>
          <caption style={styles.visuallyHidden}>Last events of {operation.operationId}</caption>
          <thead>
            <tr>
              {['Event', 'Seq', 'Stage', 'Progress', 'Message'].map((title) => (
                <th key={title} scope="col" style={styles.cell}>
                  {title}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={`${event.seq}-${event.event}`}>
                <td style={styles.cell}>{event.event}</td>
                <td style={styles.cell}>{event.seq}</td>
                <td style={styles.cell}>{event.stage ?? '—'}</td>
                <td style={styles.cell}>{event.progress}%</td>
                <td style={styles.cell}>{event.message ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
    </li>
  );
}
