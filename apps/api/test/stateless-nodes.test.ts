// Stateless gateways (docs/scaling.md, "HTTP ingest, for any language"): with the store as the
// source of truth, any node can take any ingest request. Real processes: a redis-server and
// demo API nodes in Redis mode; 50 concurrent producers post every event to a random node, and
// every stored operation must equal the sequential fold of the events its producer got 202 for.
import { type RunningApi, type RunningRedis, startApi, startRedis } from '@liveprogress/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IngestCluster } from './support/ingest-cluster.js';
import { type ScenarioOptions, type ScenarioOutcome, runScenario } from './support/ingest-scenario.js';

const INGEST_TOKEN = 'ingest-token-for-stateless-tests-0123456789';
/** Set LP_SEED to repeat a failing run; the seed is printed with the figures. */
const SEED = process.env.LP_SEED ? Number(process.env.LP_SEED) : Math.floor(Math.random() * 2 ** 31);
const PRODUCERS = 50;

/** Every finding of a run, counted, with the first examples (and the seed) as the failure message. */
function verdict(outcome: ScenarioOutcome) {
  const examples = [
    ...outcome.contractBreaks.slice(0, 8).map((b) => `contract: ${b}`),
    ...outcome.followerBreaks.slice(0, 5).map((b) => `follower: ${b}`),
    ...outcome.mismatches.slice(0, 3).map((m) => `mismatch: ${m}`),
  ];
  const message = `${outcome.figures}\nrepeat with LP_SEED=${SEED}\n${examples.join('\n')}`;
  if (examples.length > 0) console.log(message);
  const summary = {
    contractBreaks: outcome.contractBreaks.length,
    followerBreaks: outcome.followerBreaks.length,
    mismatches: outcome.mismatches.length,
  };
  return { summary, message };
}

describe('stateless gateways: ingest across Redis-backed nodes', () => {
  let redis: RunningRedis;
  const nodes: RunningApi[] = [];
  // A lease longer than the test, so no operation left running is ended as PRODUCER_LOST under it.
  const nodeEnv = () => ({ REDIS_URL: redis.url, PRODUCER_LEASE_MS: '120000', INGEST_TOKENS: INGEST_TOKEN });

  beforeAll(async () => {
    redis = await startRedis();
    nodes.push(...(await Promise.all([startApi(nodeEnv()), startApi(nodeEnv())])));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    await redis?.stop();
  });

  it('stores every operation as the fold of its accepted events when each operation sticks to one node (the control)', async () => {
    const options: ScenarioOptions = { name: 'two nodes, sticky', seed: SEED, producers: PRODUCERS, routing: 'sticky', followers: 5 };
    const outcome = await runScenario(new IngestCluster(nodes.slice(0, 2), INGEST_TOKEN), options);
    console.log(outcome.figures);
    const { summary, message } = verdict(outcome);
    expect(summary, message).toEqual({ contractBreaks: 0, followerBreaks: 0, mismatches: 0 });
  }, 90_000);

  it('stores every operation as the fold of its accepted events when two nodes take each request at random', async () => {
    const options: ScenarioOptions = { name: 'two nodes, random', seed: SEED + 1, producers: PRODUCERS, routing: 'random', followers: 5 };
    const outcome = await runScenario(new IngestCluster(nodes.slice(0, 2), INGEST_TOKEN), options);
    console.log(outcome.figures);
    const { summary, message } = verdict(outcome);
    expect(summary, message).toEqual({ contractBreaks: 0, followerBreaks: 0, mismatches: 0 });
  }, 90_000);

  it('stores every operation as the fold of its accepted events when three nodes take requests at random and one is killed mid-way', async () => {
    nodes.push(await startApi(nodeEnv()));
    const options: ScenarioOptions = {
      name: 'three nodes, random, one killed',
      seed: SEED + 2,
      producers: PRODUCERS,
      routing: 'random',
      followers: 5,
      kill: { node: 2, afterShare: 0.4 },
    };
    const outcome = await runScenario(new IngestCluster(nodes.slice(0, 3), INGEST_TOKEN), options);
    console.log(outcome.figures);
    expect(outcome.killedAtRequest, 'the node was killed while producers were running').not.toBeNull();
    const { summary, message } = verdict(outcome);
    expect(summary, message).toEqual({ contractBreaks: 0, followerBreaks: 0, mismatches: 0 });
  }, 90_000);
});
