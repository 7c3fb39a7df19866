import type { StageDefinition } from '@liveprogress/protocol';
import { InvalidOperationInputError } from '../errors.js';

/** A stage as `start({ stages })` takes it: a weight, or an explicit share of the bar as `range: [from, to]`. */
export interface StageInput extends StageDefinition {
  weight?: number;
  range?: [from: number, to: number];
}

export interface PlannedStage {
  id: string;
  step: number;
  from: number;
  to: number;
}

/**
 * Maps stages onto the 0–100 bar: explicit ranges are kept; the rest share the
 * room between them by weight (1 each by default), in `order`.
 */
export function planStages(stages: readonly StageInput[]): Map<string, PlannedStage> {
  const sorted = [...stages].sort((a, b) => a.order - b.order);
  const plan = new Map<string, PlannedStage>();
  let i = 0;
  while (i < sorted.length) {
    const stage = sorted[i]!;
    if (stage.range) {
      const [from, to] = stage.range;
      if (!(from >= 0 && to <= 100 && from <= to)) throw new InvalidOperationInputError(`stage "${stage.id}": range must be [from, to] within 0–100`);
      plan.set(stage.id, { id: stage.id, step: i + 1, from, to });
      i++;
      continue;
    }
    // A run of stages without ranges shares the room up to the next explicit range.
    let j = i;
    while (j < sorted.length && !sorted[j]!.range) j++;
    const start = i === 0 ? 0 : plan.get(sorted[i - 1]!.id)!.to;
    const end = j < sorted.length ? sorted[j]!.range![0] : 100;
    const run = sorted.slice(i, j);
    const total = run.reduce((n, s) => n + checkWeight(s), 0);
    let from = start;
    for (const s of run) {
      const to = from + ((end - start) * checkWeight(s)) / total;
      plan.set(s.id, { id: s.id, step: sorted.indexOf(s) + 1, from, to });
      from = to;
    }
    i = j;
  }
  return plan;
}

function checkWeight(stage: StageInput): number {
  const weight = stage.weight ?? 1;
  if (!(Number.isFinite(weight) && weight > 0)) throw new InvalidOperationInputError(`stage "${stage.id}": weight must be a positive number`);
  return weight;
}

/** The contract's stage shape, without the planning fields. */
export function publicStages(stages: readonly StageInput[]): StageDefinition[] {
  return stages.map(({ id, name, description, order }) => ({ id, name, order, ...(description !== undefined ? { description } : {}) }));
}
