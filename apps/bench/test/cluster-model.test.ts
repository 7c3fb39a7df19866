import { describe, expect, it } from 'vitest';
import { predictThreeNodes } from '../src/scenarios/cluster-model.js';

describe('the three-node prediction from two-node costs', () => {
  const twoNodes = {
    eventsPerSec: 100,
    deliveriesPerEvent: 100,
    publishUsPerEvent: 300,
    receiverUsPerEvent: 200,
    usPerDelivery: 10,
    redisCommandsPerEvent: 5,
    redisReadsPerEventPerNode: 1,
    redisOutBytesPerEvent: 1000,
    nodesReading: 2,
    idleNodeCpuPct: 1,
  };

  it('adds one more per-event cost to the receivers and splits the deliveries between them', () => {
    // Two receivers × (1 % idle + (200 µs + 50 deliveries × 10 µs) × 100 events/s = 70,000 µs/s = 7 %).
    expect(predictThreeNodes(twoNodes).receiversCpuPct).toBeCloseTo(16, 6);
  });

  it('adds one reader to Redis: its XREADs and its copy of every entry', () => {
    const p = predictThreeNodes(twoNodes);
    expect(p.redisCommandsPerEvent).toBe(6);
    expect(p.redisOutBytesPerEvent).toBe(1500);
  });

  it('puts the capacity where the busiest node reaches a full core', () => {
    // Each receiver: 200 + 50 × 10 = 700 µs per event, more than the publisher's 300, in the 99 % of a core left after idle.
    expect(predictThreeNodes(twoNodes).capacityEventsPerSec).toBeCloseTo(990_000 / 700, 6);
  });
});
