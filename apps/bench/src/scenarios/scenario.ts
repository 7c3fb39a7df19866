import type { BenchOptions } from '../options.js';
import type { ScenarioResult } from '../report/scenario-result.js';

export interface Scenario {
  name: string;
  run(options: BenchOptions, log: (line: string) => void): Promise<ScenarioResult>;
}

export const MB = 1024 * 1024;
