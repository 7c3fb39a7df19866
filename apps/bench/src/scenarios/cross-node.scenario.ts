import { spawnSync } from 'node:child_process';
import type { LoadgenApi } from '../loadgen/loadgen-api.js';
import type { BenchOptions } from '../options.js';
import { type Child, startChild } from '../process/children.js';
import type { Api } from '../process/rpc.js';
import type { RedisApi } from '../redis/redis-api.js';
import { type RedisCounters, countersBetween, totalCalls } from '../redis/redis-info.js';
import type { TargetCheck } from '../report/scenario-result.js';
import { loadClusterModules } from '../server/cluster-modules.js';
import type { ServerApi, ServerConfig } from '../server/server-api.js';
import { Histogram } from '../shared/histogram.js';
import { MachineLoad } from '../shared/machine-load.js';
import { type ServerKind, SERVER_LABELS } from '../shared/server-kind.js';
import { type ClusterCosts, predictThreeNodes } from './cluster-model.js';
import { OTHER_CPU_ROW, measureEach, ratioOf, rowsOf } from './measures.js';
import type { Scenario } from './scenario.js';
import { waitForDelivery } from './session.js';
import { sleep } from '../shared/clock.js';

/** How long the idle window lasts, before the phases. */
const IDLE_WINDOW_MS = 3000;

type Key =
  | 'singleDeliveredPerSec'
  | 'singleP50'
  | 'singleP99'
  | 'singleMax'
  | 'crossDeliveredPerSec'
  | 'crossLossPct'
  | 'crossP50'
  | 'crossP99'
  | 'crossMax'
  | 'crossOverSingleP99'
  | 'serverACpuPct'
  | 'serverBCpuPct'
  | 'redisCpuPct'
  | 'loadgenCpuPct'
  | 'publishUsPerEvent'
  | 'nodeUsPerEvent'
  | 'usPerDelivery'
  | 'redisCommandsPerEvent'
  | 'redisInBytesPerEvent'
  | 'redisOutBytesPerEvent'
  | 'redisUsPerEvent'
  | 'idleNodeCpuPct'
  | 'idleRedisCpuPct'
  | 'idleRedisCommandsPerSec'
  | 'threeDeliveredPerSec'
  | 'threeLossPct'
  | 'threeP50'
  | 'threeP99'
  | 'threeMax'
  | 'threeACpuPct'
  | 'threeBCpuPct'
  | 'threeCCpuPct'
  | 'threeRedisCpuPct'
  | 'threeRedisCommandsPerEvent'
  | 'threeRedisOutBytesPerEvent'
  | 'threeReceiversCpuPct'
  | 'threeReceiversCpuPctPredicted'
  | 'threeRedisCommandsPerEventPredicted'
  | 'threeRedisOutBytesPerEventPredicted'
  | 'threeCapacity'
  | 'threeCapacityPredicted';

/** Why the scenario cannot run here, or null when it can. */
function unavailable(): string | null {
  const redis = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (redis.error || redis.status !== 0) return 'redis-server is not installed (it is started on 127.0.0.1 for the run)';
  const modules = loadClusterModules();
  return typeof modules === 'string' ? modules : null;
}

/**
 * Gateways on one Redis: the operation runs on A, and every event crosses Redis
 * (LiveProgress: its Redis store, then the streams adapter; bare Socket.IO: the same
 * adapter). Each server is measured in three phases: the clients on A (single node,
 * still in Redis mode), the clients on B (two nodes), then, with `--nodes 3`, a third
 * gateway C and the clients split over B and C. The two-node phases give the
 * per-node and per-event costs; the three-node phase checks what they predict
 * (cluster-model.ts).
 */
export const crossNodeScenario: Scenario = {
  name: 'cross-node',
  async run(options, log) {
    const plan = options.crossNode;
    const three = plan.nodes === 3;
    const title = `cross-node: gateways on one Redis, operation on A, ${plan.clients} clients on B${three ? ', then on B and C (three nodes)' : ''}, ${plan.ratePerOp} updates/s for ${plan.durationMs / 1000} s`;
    log(title);
    const reason = unavailable();
    if (reason) {
      log(`cross-node: skipped — ${reason}`);
      return {
        name: 'cross-node',
        title,
        rows: [],
        notes: [],
        targets: [{ target: 'cross-node p99 ≤ 1.2× bare Socket.IO with the same Redis adapter', measured: 'not run', met: null }],
        skipped: reason,
      };
    }
    const notes: string[] = [];
    const servers = options.servers.filter((s): s is Exclude<ServerKind, 'ws'> => s !== 'ws');
    const breakdowns = new Map<string, string>();
    const rounds: Array<{ kind: Exclude<ServerKind, 'ws'>; measures: Record<Key | 'otherCpuPct', number> }> = [];
    const measures = await measureEach<Key, Exclude<ServerKind, 'ws'>>(servers, options.rounds['cross-node'], notes, log, async (kind) => {
      const result = await measureCluster(kind, options, log);
      // The breakdown of the round the table keeps: the quietest, the first of equals (as measureEach keeps it).
      const kept = rounds.filter((r) => r.kind === kind).every((r) => r.measures.otherCpuPct > result.measures.otherCpuPct);
      if (kept) breakdowns.set(kind, result.breakdown);
      rounds.push({ kind, measures: result.measures });
      return result.measures;
    });
    if (options.rounds['cross-node'] > 1) notes.push(spreadNote(rounds, three));
    if (options.servers.includes('ws')) notes.push('ws has no cluster adapter to compare with: its column is empty.');
    notes.push(
      'Redis: a redis-server of its own per server measured, on 127.0.0.1, no persistence. LiveProgress runs in its Redis mode (Redis store, streams adapter, producer leases); bare Socket.IO uses the same @socket.io/redis-streams-adapter with the same options.',
      `LiveProgress coalesceIntervalMs ${plan.coalesceIntervalMs}: no update of the steady producer is merged.`,
      'Single node: the clients on A, where the operation runs (still in Redis mode, B idle). Two nodes: the clients on B. CPU and Redis figures without a phase name are for the two-node phase.',
      `Idle: ${IDLE_WINDOW_MS / 1000} s with both nodes up and no events, before the phases; the per-event CPU rows (node and redis-server) are net of it, i.e. what the events added.`,
      "Per node: publishing node = A's CPU ÷ events (two-node phase); per event on every node = B's CPU ÷ events in the single-node phase, where B has no client but reads every event off the adapter's stream; per delivery = (B's CPU per event with the clients on it − the same without) ÷ clients. The last is a difference of two measurements: on a busy machine it is the noisiest row.",
      "Redis per event: deltas of INFO commandstats (commands run inside Lua scripts counted one by one) and of total_net_input_bytes / total_net_output_bytes over the phase, divided by the events; they include the background traffic of the window (adapter heartbeats, lease renewals, sweeps), the bench's own INFO readings excluded.",
      ...breakdowns.values(),
    );
    if (three)
      notes.push(
        "Three nodes: A publishes, the clients are split evenly over B and C. Predicted from the two-node phase (cluster-model.ts): receivers' CPU = B's + one more node's per-event cost; Redis commands = two-node + one more reader's XREADs; Redis output bytes = two-node × 3/2 (every node reads every entry of the adapter's stream); capacity = events/s at which the busiest node reaches a full core, at 100 clients per operation.",
      );
    const p99 = ratioOf(measures, 'crossP99');
    const targets: TargetCheck[] = [
      {
        target: 'cross-node p99 ≤ 1.2× bare Socket.IO with the same Redis adapter',
        measured: p99 === null ? 'not measured' : `${p99.toFixed(2)}×`,
        met: p99 === null ? null : p99 <= 1.2,
      },
    ];
    const threeRows = three
      ? ([
          { key: 'threeDeliveredPerSec', metric: 'three nodes: delivered events/s', unit: 'perSecond' },
          { key: 'threeLossPct', metric: 'three nodes: loss %', unit: 'percent' },
          { key: 'threeP50', metric: 'three nodes: latency p50 ms', unit: 'ms' },
          { key: 'threeP99', metric: 'three nodes: latency p99 ms', unit: 'ms' },
          { key: 'threeMax', metric: 'three nodes: latency max ms', unit: 'ms' },
          { key: 'threeACpuPct', metric: 'three nodes: server A CPU % of a core', unit: 'percent' },
          { key: 'threeBCpuPct', metric: 'three nodes: server B CPU % of a core', unit: 'percent' },
          { key: 'threeCCpuPct', metric: 'three nodes: server C CPU % of a core', unit: 'percent' },
          { key: 'threeReceiversCpuPct', metric: 'three nodes: B + C CPU % measured', unit: 'percent' },
          { key: 'threeReceiversCpuPctPredicted', metric: 'three nodes: B + C CPU % predicted', unit: 'percent' },
          { key: 'threeRedisCpuPct', metric: 'three nodes: redis-server CPU % of a core', unit: 'percent' },
          { key: 'threeRedisCommandsPerEvent', metric: 'three nodes: Redis commands per event measured', unit: 'perSecond' },
          { key: 'threeRedisCommandsPerEventPredicted', metric: 'three nodes: Redis commands per event predicted', unit: 'perSecond' },
          { key: 'threeRedisOutBytesPerEvent', metric: 'three nodes: Redis bytes out per event measured', unit: 'count' },
          { key: 'threeRedisOutBytesPerEventPredicted', metric: 'three nodes: Redis bytes out per event predicted', unit: 'count' },
          { key: 'threeCapacity', metric: 'three nodes: capacity events/s (busiest node at 100 %) measured', unit: 'count' },
          { key: 'threeCapacityPredicted', metric: 'three nodes: capacity events/s predicted', unit: 'count' },
        ] as const)
      : [];
    return {
      name: 'cross-node',
      title,
      notes,
      targets,
      rows: rowsOf(measures, [
        { key: 'singleDeliveredPerSec', metric: 'single node: delivered events/s', unit: 'perSecond' },
        { key: 'singleP50', metric: 'single node: latency p50 ms', unit: 'ms' },
        { key: 'singleP99', metric: 'single node: latency p99 ms', unit: 'ms' },
        { key: 'singleMax', metric: 'single node: latency max ms', unit: 'ms' },
        { key: 'crossDeliveredPerSec', metric: 'cross-node: delivered events/s', unit: 'perSecond' },
        { key: 'crossLossPct', metric: 'cross-node: loss %', unit: 'percent' },
        { key: 'crossP50', metric: 'cross-node: latency p50 ms', unit: 'ms' },
        { key: 'crossP99', metric: 'cross-node: latency p99 ms', unit: 'ms' },
        { key: 'crossMax', metric: 'cross-node: latency max ms', unit: 'ms' },
        { key: 'crossOverSingleP99', metric: 'cross-node p99 ÷ single-node p99', unit: 'ratio' },
        { key: 'serverACpuPct', metric: 'server A (publishes) CPU % of a core', unit: 'percent' },
        { key: 'serverBCpuPct', metric: 'server B (clients) CPU % of a core', unit: 'percent' },
        { key: 'redisCpuPct', metric: 'redis-server CPU % of a core', unit: 'percent' },
        { key: 'loadgenCpuPct', metric: 'load generator CPU % of a core', unit: 'percent' },
        { key: 'idleNodeCpuPct', metric: 'idle: node CPU % of a core (no events)', unit: 'percent' },
        { key: 'idleRedisCpuPct', metric: 'idle: redis-server CPU % of a core', unit: 'percent' },
        { key: 'idleRedisCommandsPerSec', metric: 'idle: Redis commands/s', unit: 'perSecond' },
        { key: 'publishUsPerEvent', metric: 'per node: publishing node CPU µs per event', unit: 'us' },
        { key: 'nodeUsPerEvent', metric: 'per node: CPU µs per event on every node', unit: 'us' },
        { key: 'usPerDelivery', metric: 'per node: CPU µs per delivery', unit: 'us' },
        { key: 'redisCommandsPerEvent', metric: 'Redis commands per event', unit: 'perSecond' },
        { key: 'redisInBytesPerEvent', metric: 'Redis bytes in per event', unit: 'count' },
        { key: 'redisOutBytesPerEvent', metric: 'Redis bytes out per event', unit: 'count' },
        { key: 'redisUsPerEvent', metric: 'redis-server CPU µs per event', unit: 'us' },
        ...threeRows,
        OTHER_CPU_ROW,
      ]),
    };
  },
};

interface PhaseResult {
  latency: ReturnType<Histogram['summary']>;
  events: number;
  deliveries: number;
  deliveredPerSec: number;
  lossPct: number;
  /** CPU of each node in the cluster during the phase, in ms, in start order (A, B, C). */
  nodeCpuMs: number[];
  redisCpuMs: number;
  redis: RedisCounters;
  loadgenCpuMs: number;
  sendWindowMs: number;
  otherCpuPct: number;
}

async function measureCluster(
  kind: Exclude<ServerKind, 'ws'>,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<{ measures: Record<Key | 'otherCpuPct', number>; breakdown: string }> {
  const plan = options.crossNode;
  const label = SERVER_LABELS[kind];
  const started: Array<Pick<Child<Api>, 'stop'> & { close: () => Promise<unknown> }> = [];
  const track = <A extends Api & { close: (p: Record<string, never>) => Promise<unknown> }>(child: Child<A>): Child<A> => {
    started.push({ stop: (ms) => child.stop(ms), close: () => child.rpc.call('close', {} as Parameters<A['close']>[0], 10_000) });
    return child;
  };
  try {
    const redis = track(await startChild<RedisApi>('redis/main.js', 'redis-server', []));
    const { url } = await redis.rpc.call('start', {});
    const config: ServerConfig = { secret: options.secret, coalesceIntervalMs: plan.coalesceIntervalMs, redis: { url, keyPrefix: 'bench:' } };
    const nodes: Array<{ child: Child<ServerApi>; url: string }> = [];
    const start = async (name: string) => {
      // --profile: one profile per node (A publishes, B and C receive), named so the publishing node's is found.
      const profile = options.profile ? ['--cpu-prof', '--cpu-prof-dir=profiles', `--cpu-prof-name=cross-node-${kind}-${name}-${Date.now()}.cpuprofile`] : [];
      const child = track(
        await startChild<ServerApi>('server/main.js', `${label} server ${name}`, [kind, JSON.stringify(config)], ['--expose-gc', ...profile]),
      );
      nodes.push({ child, url: `http://127.0.0.1:${(await child.rpc.call('listen', {}, 30_000)).port}` });
    };
    await start('A');
    await start('B');
    const a = nodes[0]!.child;
    const { ids } = await a.rpc.call('createOperations', { owners: ['user-0'], visibility: 'tenant' });
    const operationId = ids[0]!;

    /** No events for a while: what each node and Redis spend with nothing to deliver (timers, heartbeats, blocking reads, leases). */
    const idleWindow = async (ms: number) => {
      for (const node of nodes) await node.child.rpc.call('mark', { gc: true });
      const redisCpuBefore = (await redis.rpc.call('cpu', {})).cpuMs;
      const counters = await redis.rpc.call('counters', {});
      const t0 = Date.now();
      await sleep(ms);
      const windowMs = Date.now() - t0;
      let nodeCpuMs = 0;
      for (const node of nodes) nodeCpuMs += (await node.child.rpc.call('usage', { gc: false })).cpuMs;
      return {
        nodeCpuPct: (100 * nodeCpuMs) / nodes.length / windowMs,
        redisCpuPct: (100 * ((await redis.rpc.call('cpu', {})).cpuMs - redisCpuBefore)) / windowMs,
        redisCommandsPerSec: (1000 * totalCalls(countersBetween(counters, await redis.rpc.call('counters', {})))) / windowMs,
      };
    };
    log(`  ${label}: idle (two nodes, no events)`);
    const idle = await idleWindow(IDLE_WINDOW_MS);

    /** One phase: a fresh load generator with the clients split evenly over `at`, A publishing. */
    const phase = async (at: string[]): Promise<PhaseResult> => {
      const loadgen = track(await startChild<LoadgenApi>('loadgen/main.js', 'load generator', []));
      for (let k = 0; k < at.length; k++) {
        const from = Math.floor((k * plan.clients) / at.length);
        const to = Math.floor(((k + 1) * plan.clients) / at.length);
        const connect = await loadgen.rpc.call(
          'connect',
          {
            kind: 'socketio',
            lean: options.client === 'lean',
            url: at[k]!,
            secret: options.secret,
            tenantId: 'bench',
            clients: Array.from({ length: to - from }, (_, i) => ({ userId: `user-${from + i}`, operationId })),
            concurrency: options.connectConcurrency,
            timeoutMs: 20_000,
          },
          120_000,
        );
        if (connect.failed || connect.subscribeFailed)
          throw new Error(`${connect.failed} connections and ${connect.subscribeFailed} subscriptions failed (${connect.errors.join('; ')})`);
      }
      for (const node of nodes) await node.child.rpc.call('mark', { gc: true });
      await loadgen.rpc.call('mark', {});
      const redisCpuBefore = (await redis.rpc.call('cpu', {})).cpuMs;
      const machine = new MachineLoad();
      const before = (await a.rpc.call('eventsSent', {})).events;
      const redisBefore = await redis.rpc.call('counters', {});
      const published = await a.rpc.call('publish', { ratePerOp: plan.ratePerOp, durationMs: plan.durationMs, tickMs: 1 }, plan.durationMs + 60_000);
      const events = (await a.rpc.call('eventsSent', {})).events - before;
      await waitForDelivery(loadgen, events * plan.clients);
      const redisAfter = await redis.rpc.call('counters', {});
      const usages = [];
      for (const node of nodes) usages.push(await node.child.rpc.call('usage', { gc: false }));
      const redisCpuMs = (await redis.rpc.call('cpu', {})).cpuMs - redisCpuBefore;
      const received = await loadgen.rpc.call('report', {});
      const nodeCpuMs = usages.map((u) => u.cpuMs);
      const otherCpuPct = machine.otherPercent(nodeCpuMs.reduce((s, c) => s + c, 0) + redisCpuMs + received.usage.cpuMs) ?? Number.NaN;
      await loadgen.rpc.call('close', {}).catch(() => undefined);
      await loadgen.stop(2000);
      const sendWindowMs = published.endedAt - published.startedAt;
      const expected = events * plan.clients;
      return {
        latency: Histogram.fromJSON(received.latency).summary(),
        events,
        deliveries: received.received,
        deliveredPerSec: (1000 * received.received) / Math.max(sendWindowMs, received.lastAt - published.startedAt),
        lossPct: expected > 0 ? Math.max(0, 100 * (1 - received.received / expected)) : 0,
        nodeCpuMs,
        redisCpuMs,
        redis: countersBetween(redisBefore, redisAfter),
        loadgenCpuMs: received.usage.cpuMs,
        sendWindowMs,
        otherCpuPct,
      };
    };
    log(`  ${label}: clients on A (single node)`);
    const single = await phase([nodes[0]!.url]);
    log(`  ${label}: clients on B (two nodes)`);
    const cross = await phase([nodes[1]!.url]);
    const pct = (ms: number, p: PhaseResult) => (100 * ms) / p.sendWindowMs;
    const perEvent = (n: number, p: PhaseResult) => (p.events > 0 ? n / p.events : Number.NaN);
    /** A node's CPU in a phase less what it would have spent idle over the same window. */
    const busyMs = (ms: number, p: PhaseResult) => Math.max(0, ms - (idle.nodeCpuPct / 100) * p.sendWindowMs);
    const costs: ClusterCosts = {
      eventsPerSec: (1000 * cross.events) / cross.sendWindowMs,
      deliveriesPerEvent: cross.events > 0 ? cross.deliveries / cross.events : 0,
      publishUsPerEvent: perEvent(1000 * busyMs(cross.nodeCpuMs[0]!, cross), cross),
      // B in the single-node phase has no client but reads every event off the adapter's stream: what any node pays per event.
      receiverUsPerEvent: perEvent(1000 * busyMs(single.nodeCpuMs[1]!, single), single),
      usPerDelivery: Number.NaN,
      redisCommandsPerEvent: perEvent(totalCalls(cross.redis), cross),
      redisReadsPerEventPerNode: perEvent(cross.redis.calls.xread ?? 0, cross) / 2,
      redisOutBytesPerEvent: perEvent(cross.redis.netOutputBytes, cross),
      nodesReading: 2,
      idleNodeCpuPct: idle.nodeCpuPct,
    };
    // What B spends per event with the clients, less what it spent per event without them, per client.
    costs.usPerDelivery =
      costs.deliveriesPerEvent > 0
        ? (perEvent(1000 * busyMs(cross.nodeCpuMs[1]!, cross), cross) - costs.receiverUsPerEvent) / costs.deliveriesPerEvent
        : Number.NaN;
    const measures: Record<Key | 'otherCpuPct', number> = {
      singleDeliveredPerSec: single.deliveredPerSec,
      singleP50: single.latency.p50 / 1000,
      singleP99: single.latency.p99 / 1000,
      singleMax: single.latency.max / 1000,
      crossDeliveredPerSec: cross.deliveredPerSec,
      crossLossPct: cross.lossPct,
      crossP50: cross.latency.p50 / 1000,
      crossP99: cross.latency.p99 / 1000,
      crossMax: cross.latency.max / 1000,
      crossOverSingleP99: single.latency.p99 > 0 ? cross.latency.p99 / single.latency.p99 : Number.NaN,
      serverACpuPct: pct(cross.nodeCpuMs[0]!, cross),
      serverBCpuPct: pct(cross.nodeCpuMs[1]!, cross),
      redisCpuPct: pct(cross.redisCpuMs, cross),
      loadgenCpuPct: pct(cross.loadgenCpuMs, cross),
      publishUsPerEvent: costs.publishUsPerEvent,
      nodeUsPerEvent: costs.receiverUsPerEvent,
      usPerDelivery: costs.usPerDelivery,
      redisCommandsPerEvent: costs.redisCommandsPerEvent,
      redisInBytesPerEvent: perEvent(cross.redis.netInputBytes, cross),
      redisOutBytesPerEvent: costs.redisOutBytesPerEvent,
      redisUsPerEvent: perEvent(1000 * Math.max(0, cross.redisCpuMs - (idle.redisCpuPct / 100) * cross.sendWindowMs), cross),
      idleNodeCpuPct: idle.nodeCpuPct,
      idleRedisCpuPct: idle.redisCpuPct,
      idleRedisCommandsPerSec: idle.redisCommandsPerSec,
    } as Record<Key | 'otherCpuPct', number>;
    let otherCpuPct = Math.max(single.otherCpuPct, cross.otherCpuPct);
    let breakdown = `${label}, Redis calls per event (two nodes): ${callsPerEvent(cross)}.`;
    if (plan.nodes === 3) {
      await start('C');
      log(`  ${label}: clients on B and C (three nodes)`);
      const triple = await phase([nodes[1]!.url, nodes[2]!.url]);
      const predicted = predictThreeNodes(costs);
      const receiversPct = pct(triple.nodeCpuMs[1]! + triple.nodeCpuMs[2]!, triple);
      const busiestPct = Math.max(...triple.nodeCpuMs.map((ms) => pct(ms, triple)));
      const triplePerSec = (1000 * triple.events) / triple.sendWindowMs;
      Object.assign(measures, {
        threeDeliveredPerSec: triple.deliveredPerSec,
        threeLossPct: triple.lossPct,
        threeP50: triple.latency.p50 / 1000,
        threeP99: triple.latency.p99 / 1000,
        threeMax: triple.latency.max / 1000,
        threeACpuPct: pct(triple.nodeCpuMs[0]!, triple),
        threeBCpuPct: pct(triple.nodeCpuMs[1]!, triple),
        threeCCpuPct: pct(triple.nodeCpuMs[2]!, triple),
        threeReceiversCpuPct: receiversPct,
        threeReceiversCpuPctPredicted: predicted.receiversCpuPct,
        threeRedisCpuPct: pct(triple.redisCpuMs, triple),
        threeRedisCommandsPerEvent: perEvent(totalCalls(triple.redis), triple),
        threeRedisCommandsPerEventPredicted: predicted.redisCommandsPerEvent,
        threeRedisOutBytesPerEvent: perEvent(triple.redis.netOutputBytes, triple),
        threeRedisOutBytesPerEventPredicted: predicted.redisOutBytesPerEvent,
        threeCapacity: busiestPct > 0 ? (triplePerSec * 100) / busiestPct : Number.NaN,
        threeCapacityPredicted: predicted.capacityEventsPerSec,
      });
      otherCpuPct = Math.max(otherCpuPct, triple.otherCpuPct);
      breakdown += ` Three nodes: ${callsPerEvent(triple)}.`;
    }
    measures.otherCpuPct = otherCpuPct;
    return { measures, breakdown };
  } finally {
    for (const child of started.reverse()) {
      await child.close().catch(() => undefined);
      await child.stop(3000);
    }
  }
}

/**
 * Every round's latency, not only the kept one's: the p99 of a 10 s window is set by a handful
 * of events, so the spread between rounds says how far one figure can be trusted.
 */
function spreadNote(rounds: Array<{ kind: Exclude<ServerKind, 'ws'>; measures: Record<Key | 'otherCpuPct', number> }>, three: boolean): string {
  const kinds = [...new Set(rounds.map((r) => r.kind))];
  const ms = (v: number) => (v >= 10 ? v.toFixed(1) : v.toFixed(2));
  const perKind = kinds.map((kind) => {
    const mine = rounds.filter((r) => r.kind === kind).map((r) => r.measures);
    const list = (key: Key) => mine.map((m) => ms(m[key])).join(' / ');
    const other = mine.map((m) => m.otherCpuPct.toFixed(0)).join(' / ');
    return `${SERVER_LABELS[kind]} p50 ${list('crossP50')}, p99 ${list('crossP99')}${three ? `, three-node p99 ${list('threeP99')}` : ''} ms (other processes ${other} % of a core)`;
  });
  return `Every round, in order (cross-node): ${perKind.join('; ')}.`;
}

/** "evalsha 1.00, xadd 1.00, …": the commands of a phase per event, most frequent first. */
function callsPerEvent(p: PhaseResult): string {
  if (p.events === 0) return 'no events';
  return Object.entries(p.redis.calls)
    .sort(([, x], [, y]) => y - x)
    .map(([command, n]) => `${command} ${(n / p.events).toFixed(2)}`)
    .join(', ');
}
