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
  error: Error | null;
  busy: boolean;
  submitLabel: string;
  busyLabel: string;
  /** Shown under the form (a log, a table's refresh count). */
  children?: ReactNode;
}

/** The card every example starts its operation from: its fields, the simulation options, why a start failed, the button. */
export function StartCard({ id, title, summary, onSubmit, fields, stages, defaultSeconds, error, busy, submitLabel, busyLabel, children }: StartCardProps) {
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
        <StartError error={error} />
        <button className="button button--block" type="submit" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
      </form>
      {children}
    </section>
  );
}
