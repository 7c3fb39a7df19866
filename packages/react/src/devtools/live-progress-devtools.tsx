import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { useLiveProgressContext } from '../live-progress-context.js';
import { useNow } from '../use-now.js';
import { styles } from './devtools-styles.js';
import { InspectedOperationView } from './inspected-operation-view.js';
import { useClientInspection } from './use-client-inspection.js';

export interface LiveProgressDevtoolsProps {
  /** Open the panel on mount (default false). */
  initialOpen?: boolean;
  /** How many of each operation's last events the panel lists (default 5; the client keeps 20). */
  maxEvents?: number;
}

/**
 * A panel showing what the provider's client is doing: connection and transport, every watched
 * operation with its seq, the age of its last event, its subscribers, recoveries and gaps, and its
 * last events decoded. A button opens and closes it; Escape closes it and gives focus back to the button.
 * Import it from `@liveprogress/react/devtools`, in development only (docs/react.md, Devtools).
 */
export function LiveProgressDevtools({ initialOpen = false, maxEvents = 5 }: LiveProgressDevtoolsProps): ReactNode {
  const { client } = useLiveProgressContext('LiveProgressDevtools');
  const inspection = useClientInspection(client);
  const [open, setOpen] = useState(initialOpen);
  const now = useNow(open);
  const rootRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent): void => {
      // Only Escape pressed inside the devtools: the page's own Escape (a dialog, a menu) stays the page's.
      if (event.key !== 'Escape' || !(event.target instanceof Node) || !rootRef.current?.contains(event.target)) return;
      setOpen(false);
      toggleRef.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [open]);

  if (!inspection) return null;
  const { connection, transport, operations } = inspection;
  return (
    <div ref={rootRef} style={styles.root} data-liveprogress-devtools="">
      <button
        ref={toggleRef}
        type="button"
        style={styles.toggle}
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        onClick={() => setOpen((was) => !was)}
      >
        LiveProgress · {connection.status} · {operations.length} watched
      </button>
      {open ? (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: the panel scrolls, so keyboard users must be able to reach it to scroll it.
        <section id={panelId} aria-label="LiveProgress devtools" style={styles.panel} tabIndex={0}>
          <h2 style={styles.heading}>
            Connection: {connection.status} over {transport}
            {connection.error ? ` (${connection.error.code})` : ''}
          </h2>
          {operations.length === 0 ? (
            <p>No watched operation.</p>
          ) : (
            <ul aria-label="Watched operations" style={styles.list}>
              {operations.map((operation) => (
                <InspectedOperationView key={operation.operationId} operation={operation} now={now} maxEvents={maxEvents} />
              ))}
            </ul>
          )}
        </section>
      ) : null}
    </div>
  );
}
