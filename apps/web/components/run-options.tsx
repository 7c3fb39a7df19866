'use client';

import type { StageDefinition } from '@liveprogress/protocol';
import { useId } from 'react';

/** What every demo endpoint accepts besides its own fields (docs/protocol.md, The demo API). */
export interface RunOptionsValue {
  visibility: 'owner' | 'tenant';
  simulate: { durationMs: number; failAtStage?: string };
}

/**
 * The demo's knobs: how long the simulated work takes, a stage to fail in, and who
 * may see the operation. Uncontrolled fields, read back with `readRunOptions`.
 */
export function RunOptions({ stages, defaultSeconds }: { stages: readonly StageDefinition[]; defaultSeconds: number }) {
  const id = useId();
  return (
    <fieldset className="options">
      <legend>Simulation</legend>
      <div className="field">
        <label className="label" htmlFor={`${id}-duration`}>
          Duration (seconds)
        </label>
        <input
          className="input"
          id={`${id}-duration`}
          name="durationSeconds"
          type="number"
          min={0}
          max={600}
          step={0.5}
          defaultValue={defaultSeconds}
          required
        />
      </div>
      <div className="field">
        <label className="label" htmlFor={`${id}-fail`}>
          Fail at stage
        </label>
        <select className="select" id={`${id}-fail`} name="failAtStage" defaultValue="">
          <option value="">Never — let it succeed</option>
          {stages.map((stage) => (
            <option key={stage.id} value={stage.id}>
              {stage.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label className="label" htmlFor={`${id}-visibility`}>
          Visible to
        </label>
        <select className="select" id={`${id}-visibility`} name="visibility" defaultValue="owner">
          <option value="owner">Only me</option>
          <option value="tenant">Everyone in my tenant</option>
        </select>
      </div>
    </fieldset>
  );
}

export function readRunOptions(fields: FormData): RunOptionsValue {
  const seconds = Number(fields.get('durationSeconds'));
  const durationMs = Number.isFinite(seconds) ? Math.min(600_000, Math.max(0, Math.round(seconds * 1000))) : 0;
  const failAtStage = String(fields.get('failAtStage') ?? '');
  return {
    visibility: fields.get('visibility') === 'tenant' ? 'tenant' : 'owner',
    simulate: { durationMs, ...(failAtStage ? { failAtStage } : {}) },
  };
}
