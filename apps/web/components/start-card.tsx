'use client';

import type { StageDefinition } from '@liveprogress/protocol';
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
  /** Shown under the form (a log, a table's refresh count). */
  children?: ReactNode;
}

/** The card every example starts its operation from: its fields, the simulation options, why a start failed, the button. */
export function StartCard({ id, title, summary, onSubmit, fields, stages, defaultSeconds, state, submitLabel, busyLabel, children }: StartCardProps) {
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
        <button className="button button--block" type="submit" disabled={state.isLoading}>
          {state.isLoading ? busyLabel : submitLabel}
        </button>
      </form>
      {children}
    </section>
  );
}
