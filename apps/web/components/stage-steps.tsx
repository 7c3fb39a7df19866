'use client';

import type { OperationSnapshot, StageDefinition } from '@liveprogress/protocol';
import { stageStates } from '@liveprogress/react';
import styles from './stage-steps.module.css';

const STATE_LABEL = { pending: 'pending', current: 'in progress', done: 'done', failed: 'failed', cancelled: 'cancelled' } as const;
const STATE_MARK = { done: '✓', failed: '✕', cancelled: '–' } as const;

/** A compact horizontal stepper: where the operation is among its stages. */
export function StageSteps({ stages, snapshot }: { stages: readonly StageDefinition[]; snapshot: OperationSnapshot | null }) {
  return (
    <ol className={styles.steps} aria-label="Stages">
      {stageStates(stages, snapshot).map((stage, index) => (
        <li key={stage.id} className={styles.step} data-state={stage.state} aria-current={stage.state === 'current' ? 'step' : undefined}>
          <span className={styles.marker} aria-hidden="true">
            {stage.state === 'pending' || stage.state === 'current' ? index + 1 : STATE_MARK[stage.state]}
          </span>
          <span className={styles.name}>
            {stage.name}
            <span className="sr-only"> ({STATE_LABEL[stage.state]})</span>
          </span>
        </li>
      ))}
    </ol>
  );
}
