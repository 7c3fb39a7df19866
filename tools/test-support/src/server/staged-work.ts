import type { StagePlan } from './example-stages.js';

export interface StageTick {
  stage: StagePlan;
  /** 1-based step within the stage. */
  step: number;
  steps: number;
  progress: number;
}

/** The failure `simulate.failAtStage` asks for. */
export class SimulatedFailure extends Error {
  readonly code = 'SIMULATED_FAILURE';
  constructor(stage: string) {
    super(`Simulated failure during the "${stage}" stage`);
    this.name = 'SimulatedFailure';
  }
}

/**
 * Stand-in work: each stage in order, its share of `durationMs` split into five steps,
 * progress rising through the stage's range. A requested failure happens halfway
 * through its stage, and no later stage is reported. A cancel (the signal) ends the wait.
 */
export async function runStagedWork(
  plan: readonly StagePlan[],
  options: { durationMs: number; failAtStage?: string; signal?: AbortSignal; report: (tick: StageTick) => void | Promise<void> },
): Promise<void> {
  const steps = 5;
  for (const stage of plan) {
    const stageMs = (options.durationMs * (stage.to - stage.from)) / 100;
    for (let step = 1; step <= steps; step++) {
      await options.report({ stage, step, steps, progress: Math.round(stage.from + ((stage.to - stage.from) * step) / steps) });
      if (options.failAtStage === stage.id && step >= Math.ceil(steps / 2)) throw new SimulatedFailure(stage.id);
      await pause(stageMs / steps, options.signal);
    }
  }
}

/** Waits `ms`, or rejects with the signal's reason as soon as the operation is cancelled. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
