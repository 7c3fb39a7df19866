import { spawnSync } from 'node:child_process';
import type { LoadgenApi } from '../loadgen/loadgen-api.js';
import type { BenchOptions } from '../options.js';
import { type Child, startChild } from '../process/children.js';
import type { Api } from '../process/rpc.js';
import type { RedisApi } from '../redis/redis-api.js';
import type { TargetCheck } from '../report/scenario-result.js';
import { loadClusterModules } from '../server/cluster-modules.js';
import type { ServerApi, ServerConfig } from '../server/server-api.js';
import { Histogram } from '../shared/histogram.js';
import { MachineLoad } from '../shared/machine-load.js';
import { type ServerKind, SERVER_LABELS } from '../shared/server-kind.js';
import { OTHER_CPU_ROW, measureEach, ratioOf, rowsOf } from './measures.js';
import type { Scenario } from './scenario.js';
import { waitForDelivery } from './session.js';

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
  | 'loadgenCpuPct';

/** Why the scenario cannot run here, or null when it can. */
function unavailable(): string | null {
  const redis = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (redis.error || redis.status !== 0) return 'redis-server is not installed (it is started on 127.0.0.1 for the run)';
  const modules = loadClusterModules();
  return typeof modules === 'string' ? modules : null;
}

/**
 * Two gateways on one Redis: the operation runs on A, the clients are on B, so every
 * event crosses Redis (LiveProgress: its Redis store, then the streams adapter; bare
 * Socket.IO: the same adapter). Each server is first measured with the clients on A
 * (single node, still in Redis mode), then with them on B.
 */
export const crossNodeScenario: Scenario = {
  name: 'cross-node',
  async run(options, log) {
    const plan = options.crossNode;
    const title = `cross-node: two gateways on one Redis, operation on A, ${plan.clients} clients on B, ${plan.ratePerOp} updates/s for ${plan.durationMs / 1000} s`;
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
    const measures = await measureEach<Key, Exclude<ServerKind, 'ws'>>(servers, options.rounds['cross-node'], notes, log, (kind) =>
      measureCluster(kind, options, log),
    );
    if (options.servers.includes('ws')) notes.push('ws has no cluster adapter to compare with: its column is empty.');
    notes.push(
      'Redis: a redis-server of its own per server measured, on 127.0.0.1, no persistence. LiveProgress runs in its Redis mode (Redis store, streams adapter, producer leases); bare Socket.IO uses the same @socket.io/redis-streams-adapter with the same options.',
      `LiveProgress coalesceIntervalMs ${plan.coalesceIntervalMs}: no update of the steady producer is merged.`,
      'Single node: the clients on A, where the operation runs (still in Redis mode). Cross-node: the clients on B. CPU figures are for the cross-node phase.',
    );
    const p99 = ratioOf(measures, 'crossP99');
    const targets: TargetCheck[] = [
      {
        target: 'cross-node p99 ≤ 1.2× bare Socket.IO with the same Redis adapter',
        measured: p99 === null ? 'not measured' : `${p99.toFixed(2)}×`,
        met: p99 === null ? null : p99 <= 1.2,
      },
    ];
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
        OTHER_CPU_ROW,
      ]),
    };
  },
};

async function measureCluster(
  kind: Exclude<ServerKind, 'ws'>,
  options: BenchOptions,
  log: (line: string) => void,
): Promise<Record<Key | 'otherCpuPct', number>> {
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
    const start = async (name: string) => {
      const child = track(await startChild<ServerApi>('server/main.js', `${label} server ${name}`, [kind, JSON.stringify(config)], ['--expose-gc']));
      return { child, url: `http://127.0.0.1:${(await child.rpc.call('listen', {}, 30_000)).port}` };
    };
    const a = await start('A');
    const b = await start('B');
    const { ids } = await a.child.rpc.call('createOperations', { owners: ['user-0'], visibility: 'tenant' });
    const operationId = ids[0]!;

    /** One phase: a fresh load generator with every client on `at`, A publishing. */
    const phase = async (at: string) => {
      const loadgen = track(await startChild<LoadgenApi>('loadgen/main.js', 'load generator', []));
      const connect = await loadgen.rpc.call(
        'connect',
        {
          kind: 'socketio',
          lean: options.client === 'lean',
          url: at,
          secret: options.secret,
          tenantId: 'bench',
          clients: Array.from({ length: plan.clients }, (_, i) => ({ userId: `user-${i}`, operationId })),
          concurrency: options.connectConcurrency,
          timeoutMs: 20_000,
        },
        120_000,
      );
      if (connect.failed || connect.subscribeFailed)
        throw new Error(`${connect.failed} connections and ${connect.subscribeFailed} subscriptions failed (${connect.errors.join('; ')})`);
      await a.child.rpc.call('mark', { gc: true });
      await b.child.rpc.call('mark', { gc: true });
      await loadgen.rpc.call('mark', {});
      const redisBefore = (await redis.rpc.call('cpu', {})).cpuMs;
      const machine = new MachineLoad();
      const before = (await a.child.rpc.call('eventsSent', {})).events;
      const published = await a.child.rpc.call('publish', { ratePerOp: plan.ratePerOp, durationMs: plan.durationMs, tickMs: 1 }, plan.durationMs + 60_000);
      const events = (await a.child.rpc.call('eventsSent', {})).events - before;
      await waitForDelivery(loadgen, events * plan.clients);
      const usageA = await a.child.rpc.call('usage', { gc: false });
      const usageB = await b.child.rpc.call('usage', { gc: false });
      const redisCpuMs = (await redis.rpc.call('cpu', {})).cpuMs - redisBefore;
      const received = await loadgen.rpc.call('report', {});
      const otherCpuPct = machine.otherPercent(usageA.cpuMs + usageB.cpuMs + redisCpuMs + received.usage.cpuMs) ?? Number.NaN;
      await loadgen.rpc.call('close', {}).catch(() => undefined);
      await loadgen.stop(2000);
      const sendWindowMs = published.endedAt - published.startedAt;
      const expected = events * plan.clients;
      return {
        latency: Histogram.fromJSON(received.latency).summary(),
        deliveredPerSec: (1000 * received.received) / Math.max(sendWindowMs, received.lastAt - published.startedAt),
        lossPct: expected > 0 ? Math.max(0, 100 * (1 - received.received / expected)) : 0,
        cpuA: (100 * usageA.cpuMs) / sendWindowMs,
        cpuB: (100 * usageB.cpuMs) / sendWindowMs,
        cpuRedis: (100 * redisCpuMs) / sendWindowMs,
        cpuLoadgen: (100 * received.usage.cpuMs) / sendWindowMs,
        otherCpuPct,
      };
    };
    log(`  ${label}: clients on A (single node)`);
    const single = await phase(a.url);
    log(`  ${label}: clients on B (cross-node)`);
    const cross = await phase(b.url);
    return {
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
      serverACpuPct: cross.cpuA,
      serverBCpuPct: cross.cpuB,
      redisCpuPct: cross.cpuRedis,
      loadgenCpuPct: cross.cpuLoadgen,
      otherCpuPct: Math.max(single.otherCpuPct, cross.otherCpuPct),
    };
  } finally {
    for (const child of started.reverse()) {
      await child.close().catch(() => undefined);
      await child.stop(3000);
    }
  }
}
