// One run of the stateless-gateway property: many concurrent producers post their operations
// across the nodes, then every stored operation is compared with the fold of the events its
// producer got 202 for, and a few followers' streams are checked for contiguous seq.
import { randomUUID } from 'node:crypto';
import { devToken, seededRandom, until } from '@liveprogress/test-support';
import { getJson } from './demo-client.js';
import { type IngestCluster, randomRoute, stickyRoute } from './ingest-cluster.js';
import { type StoredOperation, differences, foldAccepted } from './ingest-model.js';
import { type ProducerRun, describeRun, runProducer } from './ingest-producer.js';
import { producerScript } from './ingest-script.js';
import { type SeqFollower, followFromStart, followerProblems } from './seq-follower.js';

export interface ScenarioOptions {
  name: string;
  seed: number;
  producers: number;
  routing: 'random' | 'sticky';
  /** How many operations a socket follows from their start (on nodes that stay up). */
  followers: number;
  /** Kill this node with SIGKILL once this share of all planned requests was sent. */
  kill?: { node: number; afterShare: number };
}

export interface ScenarioOutcome {
  runs: ProducerRun[];
  /** Operations whose stored snapshot differs from the fold, with the reasons and the producer's history. */
  mismatches: string[];
  /** Answers that break the ingest contract (202 after the end, anything but 202 before it). */
  contractBreaks: string[];
  followerBreaks: string[];
  figures: string;
  killedAtRequest: number | null;
}

/** Independent streams for each producer's script and routing, all from one seed. */
const streamOf = (seed: number, n: number) => seededRandom((Math.imul(seed, 0x9e3779b1) ^ Math.imul(n + 1, 0x85ebca6b)) >>> 0);

export async function runScenario(cluster: IngestCluster, options: ScenarioOptions): Promise<ScenarioOutcome> {
  const tag = randomUUID().slice(0, 8);
  const nodeCount = cluster.nodes.length;
  const plans = Array.from({ length: options.producers }, (_, index) => {
    const owner = { userId: `producer-${tag}-${index}`, tenantId: `tenant-${tag}` };
    const routeRandom = streamOf(options.seed, 2 * index + 1);
    return {
      index,
      operationId: `stateless-${tag}-${index}`,
      owner,
      events: producerScript(streamOf(options.seed, 2 * index), owner, index),
      route: options.routing === 'sticky' ? stickyRoute(routeRandom, nodeCount) : randomRoute(routeRandom, nodeCount),
    };
  });
  const plannedRequests = plans.reduce((n, p) => n + p.events.length, 0);
  const steadyNodes = cluster.liveIndexes().filter((i) => i !== options.kill?.node);
  const followerEvery = Math.max(1, Math.floor(options.producers / Math.max(1, options.followers)));
  const followers = new Map<number, SeqFollower>();
  const followerBreaks: string[] = [];

  let producing = true;
  let killedAtRequest: number | null = null;
  const killer = options.kill
    ? until(() => !producing || cluster.requests >= plannedRequests * (options.kill?.afterShare ?? 0), 'the moment to kill a node', 120_000).then(() => {
        if (!producing || !options.kill) return;
        killedAtRequest = cluster.requests;
        cluster.kill(options.kill.node);
      })
    : Promise.resolve();

  const started = Date.now();
  const runs = await Promise.all(
    plans.map((plan) => {
      const followed = plan.index % followerEvery === 0 && plan.index / followerEvery < options.followers;
      const node = cluster.nodes[steadyNodes[plan.index % steadyNodes.length] as number]!;
      return runProducer(
        cluster,
        plan,
        followed
          ? async () => {
              try {
                followers.set(plan.index, await followFromStart(node, plan.owner, plan.operationId));
              } catch (err) {
                followerBreaks.push(`${plan.operationId} (follower on ${node.url}): could not subscribe: ${String(err)}`);
              }
            }
          : undefined,
      );
    }),
  );
  producing = false;
  await killer;
  const producedMs = Date.now() - started;

  const live = cluster.liveIndexes();
  const checkRandom = streamOf(options.seed, 2 * options.producers + 1);
  const mismatches: string[] = [];
  /** How many operations differ in each field, for the figures. */
  const fieldCounts = new Map<string, number>();
  try {
    await Promise.all(
      runs.map(async (run) => {
        const node = cluster.nodes[live[Math.floor(checkRandom() * live.length)] as number]!;
        const history = () => `events of ${run.operationId} (producer ${run.index}) as sent, each attempt as node→answer:\n${describeRun(run)}`;
        if (run.accepted.length === 0) return; // its start never got through: a contract break, counted there
        const expected = foldAccepted(run.accepted);
        const token = await devToken(node.url, run.owner);
        const got = await getJson<StoredOperation>(node, `/api/v1/operations/${encodeURIComponent(run.operationId)}`, token);
        if (got.status !== 200) {
          mismatches.push(`${run.operationId}: GET answered ${got.status} ${JSON.stringify(got.body)}\n${history()}`);
          return;
        }
        const diff = differences(expected, got.body);
        for (const line of diff) {
          const field = line.slice(0, line.indexOf(':'));
          fieldCounts.set(field, (fieldCounts.get(field) ?? 0) + 1);
        }
        if (diff.length > 0) mismatches.push(`${run.operationId}:\n    ${diff.join('\n    ')}\n${history()}`);
        const follower = followers.get(run.index);
        if (follower) {
          const broken = await followerProblems(follower, got.body.seq, expected.status !== 'running');
          if (broken.length > 0) followerBreaks.push(`${run.operationId} (follower on ${follower.node}): ${broken.join('; ')}`);
        }
      }),
    );
  } finally {
    for (const follower of followers.values()) follower.client.close();
  }
  const contractBreaks = runs.flatMap((run) => run.problems.map((p) => `${run.operationId}: ${p}`));
  const accepted = runs.reduce((n, r) => n + r.accepted.length, 0);
  const refusedAfterEnd = runs.reduce((n, r) => n + r.answers.filter((a) => a.status === 409 && a.code === 'OPERATION_ENDED').length, 0);
  const landed = runs.reduce((n, r) => n + r.landedBeforeLostAnswer.length, 0);
  const ended = runs.filter((r) => r.accepted.some((e) => e.type === 'complete' || e.type === 'fail')).length;
  const figures =
    `${options.name} (seed ${options.seed}): ${runs.length} operations (${ended} ended, ${runs.length - ended} left running), ` +
    `${cluster.requests} requests, ${accepted} accepted events, ${refusedAfterEnd} refused with 409 OPERATION_ENDED, ` +
    `${contractBreaks.length} contract breaks, ${nodeCount} nodes (${cluster.killed.size} killed${killedAtRequest !== null ? ` at request ${killedAtRequest}` : ''}), ` +
    `${cluster.networkFailures} network failures retried, ${landed} events stored before a lost answer, ${followers.size} followers (${followerBreaks.length} broken), ` +
    `${mismatches.length} mismatches${fieldCounts.size > 0 ? ` (${[...fieldCounts].map(([f, n]) => `${f} ${n}`).join(', ')})` : ''}, produced in ${producedMs} ms`;
  return { runs, mismatches, contractBreaks, followerBreaks, figures, killedAtRequest };
}
