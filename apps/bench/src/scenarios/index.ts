import type { ScenarioName } from '../options.js';
import { coalescingScenario } from './coalescing.scenario.js';
import { connectionsScenario } from './connections.scenario.js';
import { crossNodeScenario } from './cross-node.scenario.js';
import type { Scenario } from './scenario.js';
import { throughputScenario } from './throughput.scenario.js';

export const SCENARIOS: Record<ScenarioName, Scenario> = {
  'fan-out': throughputScenario('fan-out'),
  'many-ops': throughputScenario('many-ops'),
  coalescing: coalescingScenario,
  connections: connectionsScenario,
  'cross-node': crossNodeScenario,
};
