import type { Scenario } from './scenario.js';

/**
 * Two gateways sharing a Redis adapter, clients on B, the operation on A: latency
 * against single node and against bare Socket.IO with the same adapter. It needs the
 * module's Redis mode; when that lands, start two LiveProgress server children with
 * `store`/adapter options, point the load generator at B and publish on A (the
 * session and throughput helpers already take one server per child).
 */
export const crossNodeScenario: Scenario = {
  name: 'cross-node',
  async run(_options, log) {
    const reason = 'Redis mode not available yet (the module has no Redis store/adapter option to run two gateways against)';
    log(`cross-node: skipped — ${reason}`);
    return {
      name: 'cross-node',
      title: 'cross-node: two gateways, clients on B, operation on A',
      rows: [],
      notes: [],
      targets: [{ target: 'cross-node p99 ≤ 1.2× bare Socket.IO with the same Redis adapter', measured: 'not run', met: null }],
      skipped: reason,
    };
  },
};
