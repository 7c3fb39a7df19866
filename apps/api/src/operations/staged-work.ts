import type { StagePlan } from './demo-stages.js';
import { pause } from './pause.js';
import { SimulatedFailure } from './simulated-failure.js';

export interface StageTick {
  stage: StagePlan;
  /** 1-based step within the stage. */
  step: number;
  steps: number;
  progress: number;
}

export interface StagedWorkOptions {
  durationMs: number;
  failAtStage?: string;
  stepsPerStage?: number;
  signal?: AbortSignal;
  /** Reports one step; `await` it so a slow reporter slows the work, as real work would. */
  report: (tick: StageTick) => void | Promise<void>;
  /** Does the real work of a step, if any; its return is merged into the report's details by the caller. */
  work?: (tick: StageTick) => void | Promise<void>;
}

/**
 * Runs the demo's stand-in for real work: each stage in order, its share of the
 * duration split into steps, progress rising through the stage's range. A requested
 * failure happens halfway through its stage, and no later stage is reported.
 */
export async function runStagedWork(plan: readonly StagePlan[], options: StagedWorkOptions): Promise<void> {
  const steps = options.stepsPerStage ?? 5;
  for (const stage of plan) {
    const stageMs = (options.durationMs * (stage.to - stage.from)) / 100;
    for (let step = 1; step <= steps; step++) {
      const tick: StageTick = { stage, step, steps, progress: Math.round(stage.from + ((stage.to - stage.from) * step) / steps) };
      await options.work?.(tick);
      await options.report(tick);
      if (options.failAtStage === stage.id && step >= Math.ceil(steps / 2)) throw new SimulatedFailure(stage.id);
      await pause(stageMs / steps, options.signal);
    }
  }
}
