'use client';

import type { StageDefinition } from '@liveprogress/protocol';
import { useOperation } from '@liveprogress/react';
import type { FormEvent, ReactNode } from 'react';
import { RunOptions } from './run-options';
import { StartError } from './start-error';

export interface StartCardProps {
  /** The heading's id, which labels the card. */
  id: string;
  title: string;
  summary: ReactNode;
  onSubmit: (event: FormEvent<HTMLFormElement>) => void;
  /** The example's own fields, above the simulation options. */
  fields: ReactNode;
  stages: readonly StageDefinition[];
  defaultSeconds: number;
  /** The example's useLiveOperation state: its start error, and whether a start is in flight. */
  state: { error: Error | null; isLoading: boolean };
  submitLabel: string;
  busyLabel: string;
  /**
   * The operation the page follows (started here, or picked up from the address after a
   * reload): while it runs, Start stays disabled.
   */
  operationId?: string | null;
  /** Shown under the form (a log, a table's refresh count). */
  children?: ReactNode;
}

/** The card every example starts its operation from: its fields, the simulation options, why a start failed, the button. */
export function StartCard({
  id,
  title,
  summary,
  onSubmit,
  fields,
  stages,
  defaultSeconds,
  state,
  submitLabel,
  busyLabel,
  operationId = null,
  children,
}: StartCardProps) {
  // Shares the subscription with the live panel, which follows the same id.
  const followed = useOperation(operationId);
  const running = operationId !== null && followed.snapshot !== null && !followed.isTerminal && !followed.isLost;
  const busy = state.isLoading || running;
  return (
    <section className="card" aria-labelledby={id}>
      <div className="card-header">
        <div>
          <h2 id={id}>{title}</h2>
          <p>{summary}</p>
        </div>
      </div>
      <form className="form" onSubmit={onSubmit}>
        {fields}
        <RunOptions stages={stages} defaultSeconds={defaultSeconds} />
        <StartError error={state.error} />
        <button className="button button--block" type="submit" disabled={busy} aria-describedby={running ? `${id}-running` : undefined}>
          {busy ? busyLabel : submitLabel}
        </button>
        {running ? (
          <p className="hint" id={`${id}-running`}>
            The operation on the right is still running: wait for it to end, or cancel it, to start another.
          </p>
        ) : null}
      </form>
      {children}
    </section>
  );
}
