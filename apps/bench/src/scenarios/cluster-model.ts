/**
 * The per-node and per-event costs measured on two nodes, and what they predict for
 * three. The same arithmetic, with the same names, is the sizing model of
 * docs/scaling.md (Sizing): a node pays `receiverUsPerEvent` for every event of the
 * cluster (the streams adapter hands every node every broadcast) and `usPerDelivery`
 * for each of its own clients it delivers to; Redis reads every entry out once per node.
 */
export interface ClusterCosts {
  /** Events per second the phase published. */
  eventsPerSec: number;
  /** Clients each event went to. */
  deliveriesPerEvent: number;
  /** CPU of the node that publishes, per event (its own read of the stream included). */
  publishUsPerEvent: number;
  /** CPU of a node per event of the cluster, before any delivery. */
  receiverUsPerEvent: number;
  /** CPU of a node per message delivered to one of its clients. */
  usPerDelivery: number;
  redisCommandsPerEvent: number;
  /** XREAD calls per event per node reading the adapter's stream. */
  redisReadsPerEventPerNode: number;
  redisOutBytesPerEvent: number;
  /** Nodes reading the adapter's stream in the measured phase. */
  nodesReading: number;
  /** What a node spends with no events (timers, heartbeats, blocking reads), in % of a core; the per-event costs are net of it. */
  idleNodeCpuPct: number;
}

export interface ThreeNodePrediction {
  /** B and C together, in % of a core, with the deliveries split over them. */
  receiversCpuPct: number;
  redisCommandsPerEvent: number;
  redisOutBytesPerEvent: number;
  /** Events/s at which the busiest node would reach a full core, at the same clients per event. */
  capacityEventsPerSec: number;
}

/** Two nodes (A publishes, B delivers) → three (A publishes, B and C deliver half each). */
export function predictThreeNodes(c: ClusterCosts): ThreeNodePrediction {
  const receiverUs = (deliveries: number) => c.receiverUsPerEvent + deliveries * c.usPerDelivery;
  const half = c.deliveriesPerEvent / 2;
  const busiestUsPerEvent = Math.max(c.publishUsPerEvent, receiverUs(half));
  // A node is full when its idle share plus its per-event work reach one core.
  const spareUsPerSec = 10_000 * Math.max(0, 100 - c.idleNodeCpuPct);
  return {
    receiversCpuPct: 2 * c.idleNodeCpuPct + (2 * receiverUs(half) * c.eventsPerSec) / 10_000,
    redisCommandsPerEvent: c.redisCommandsPerEvent + c.redisReadsPerEventPerNode,
    // Output is almost all XREAD replies, one per reading node; the writer's short replies are counted in with them, so this errs high.
    redisOutBytesPerEvent: (c.redisOutBytesPerEvent * (c.nodesReading + 1)) / c.nodesReading,
    capacityEventsPerSec: busiestUsPerEvent > 0 ? spareUsPerSec / busiestUsPerEvent : Number.NaN,
  };
}
