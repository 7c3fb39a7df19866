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
  /**
   * How often the work reports, in ms (default 100: the server's coalescing interval).
   * Small frequent steps make the bars move smoothly; coalescing keeps the wire rate down.
   */
  stepMs?: number;
  signal?: AbortSignal;
  /** Reports one step; `await` it so a slow reporter slows the work, as real work would. */
  report: (tick: StageTick) => void | Promise<void>;
  /** Does the real work of a step, if any; its return is merged into the report's details by the caller. */
  work?: (tick: StageTick) => void | Promise<void>;
}

/**
 * Runs the demo's stand-in for real work: each stage in order, its share of the
 * duration split into steps of about `stepMs`, progress rising through the stage's
 * range. A requested failure happens halfway through its stage, and no later stage
 * is reported.
 */
export async function runStagedWork(plan: readonly StagePlan[], options: StagedWorkOptions): Promise<void> {
  const stepMs = options.stepMs ?? 100;
  for (const stage of plan) {
    const stageMs = (options.durationMs * (stage.to - stage.from)) / 100;
    // At least two, so a failure asked for in a short stage still happens halfway through it.
    const steps = Math.max(2, Math.round(stageMs / stepMs));
    for (let step = 1; step <= steps; step++) {
      // One decimal: a 1,000-item batch moves its bar by 0.1 % steps instead of jumping.
      const tick: StageTick = { stage, step, steps, progress: Math.round((stage.from + ((stage.to - stage.from) * step) / steps) * 10) / 10 };
      await options.work?.(tick);
      await options.report(tick);
      if (options.failAtStage === stage.id && step >= Math.ceil(steps / 2)) throw new SimulatedFailure(stage.id);
      await pause(stageMs / steps, options.signal);
    }
  }
}
