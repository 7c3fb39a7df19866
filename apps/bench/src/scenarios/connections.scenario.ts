import type { ConnectReport } from '../loadgen/loadgen-api.js';
import type { TargetCheck } from '../report/scenario-result.js';
import { Histogram } from '../shared/histogram.js';
import { SERVER_LABELS } from '../shared/server-kind.js';
import { sleep } from '../shared/clock.js';
import { MachineLoad } from '../shared/machine-load.js';
import { OTHER_CPU_ROW, loadgenNotes, measureEach, ratioOf, rowsOf } from './measures.js';
import { MB, type Scenario } from './scenario.js';
import { connectPlan, withSession } from './session.js';

type Key =
  | 'connected'
  | 'failed'
  | 'p50'
  | 'p99'
  | 'max'
  | 'perSec'
  | 'rssKbPerConn'
  | 'heapKbPerConn'
  | 'serverCpuUsPerConn'
  | 'serverRssMb'
  | 'baseRssMb'
  | 'connsPerGb'
  | 'loadgenCpuPct';

/** 1 GB of server RAM, in KB (both binary), for the connections-per-GB figure sizing uses. */
const KB_PER_GB = 1024 * 1024;

/**
 * K idle authenticated connections on one server: what each costs the server in
 * memory, in CPU to open, and how long that takes. The clients are split over
 * several load generators (each process has its own open-file limit, and the
 * connecting work spreads over the cores); the server holds them all.
 */
export const connectionsScenario: Scenario = {
  name: 'connections',
  async run(options, log) {
    const { count, perLoadgen } = options.connections;
    const loadgenCount = Math.max(1, Math.ceil(count / perLoadgen));
    const title = `connections: ${count.toLocaleString('en-US')} idle authenticated connections, ${options.connectConcurrency} opened at a time`;
    log(title);
    const notes: string[] = [];
    const users = Array.from({ length: count }, (_, i) => `user-${i}`);
    // Contiguous slices, one per load generator; the concurrency is shared so that the server sees the same number in flight.
    const slices = Array.from({ length: loadgenCount }, (_, i) =>
      users.slice(Math.floor((i * count) / loadgenCount), Math.floor(((i + 1) * count) / loadgenCount)),
    );
    const concurrencyEach = Math.max(1, Math.round(options.connectConcurrency / loadgenCount));
    const measures = await measureEach<Key>(options.servers, options.rounds.connections, notes, log, (kind) =>
      withSession(
        kind,
        options,
        {},
        async ({ server, loadgens, url }) => {
          const base = await server.rpc.call('mark', { gc: true });
          const machine = new MachineLoad();
          const reports = await Promise.all(
            loadgens.map((loadgen, i) =>
              loadgen.rpc.call(
                'connect',
                connectPlan(
                  kind,
                  options,
                  url,
                  slices[i]!.map((userId) => ({ userId })),
                  { concurrency: concurrencyEach, timeoutMs: 30_000 },
                ),
                300_000,
              ),
            ),
          );
          const connect = combine(reports);
          if (connect.failed) notes.push(`${SERVER_LABELS[kind]}: ${connect.failed} connections failed (${connect.errors.join('; ')})`);
          await sleep(2000); // let handshakes finish on the server side and short-lived garbage become collectable
          const cpu = await server.rpc.call('usage', { gc: false });
          const otherCpuPct = machine.otherPercent(cpu.cpuMs + connect.cpuMs + connect.tokenCpuMs) ?? Number.NaN;
          const after = await server.rpc.call('usage', { gc: true });
          const latency = connect.latency.summary();
          const n = Math.max(1, connect.connected);
          const rssKbPerConn = (after.rss - base.rss) / n / 1024;
          return {
            connected: connect.connected,
            failed: connect.failed,
            p50: latency.p50 / 1000,
            p99: latency.p99 / 1000,
            max: latency.max / 1000,
            perSec: (1000 * connect.connected) / connect.wallMs,
            rssKbPerConn,
            heapKbPerConn: (after.heapUsed + after.external - base.heapUsed - base.external) / n / 1024,
            serverCpuUsPerConn: (1000 * cpu.cpuMs) / n,
            serverRssMb: after.rss / MB,
            baseRssMb: base.rss / MB,
            connsPerGb: rssKbPerConn > 0 ? KB_PER_GB / rssKbPerConn : Number.NaN,
            loadgenCpuPct: (100 * connect.cpuMs) / connect.wallMs,
            otherCpuPct,
          };
        },
        loadgenCount,
      ),
    );
    notes.push(
      `The clients come from ${loadgenCount} load-generator process${loadgenCount > 1 ? 'es' : ''} (at most ${perLoadgen.toLocaleString('en-US')} connections each, ${concurrencyEach} in flight each), all at once; every bench process runs with its soft open-file limit raised to the hard one (\`ulimit -Hn\`), and the server holds one descriptor per connection.`,
      'Connections per GB: 1 GB (1,024 MB) of server RSS ÷ RSS per connection, i.e. what a node holds in the memory it has above its base (the RSS before connecting, its own row); the figure sizing uses (docs/scaling.md, Sizing).',
      'Every server verifies the same HS256 JWT on connect (the baselines with a minimal hand-written check); clients use the WebSocket transport only.',
      'Memory: server RSS and V8 heap+external after full GCs, before and 2 s after the connections opened, divided by the connections; RSS includes what V8 reserved but does not use, so heap is the finer figure.',
      'Connect time: from creating the client to its `connect`/`open`, with that many in flight at once (so it includes queueing at the server).',
    );
    loadgenNotes(measures, 'loadgenCpuPct', notes);
    const rss = ratioOf(measures, 'rssKbPerConn');
    const heap = ratioOf(measures, 'heapKbPerConn');
    const targets: TargetCheck[] = [
      {
        target: 'memory per idle authenticated connection ≤ 1.2× Socket.IO',
        measured: rss === null ? 'not measured' : `RSS ${rss.toFixed(2)}×, heap ${heap === null ? '–' : heap.toFixed(2)}×`,
        met: rss === null ? null : rss <= 1.2,
      },
    ];
    return {
      name: 'connections',
      title,
      notes,
      targets,
      rows: rowsOf(measures, [
        { key: 'connected', metric: 'connections open', unit: 'count', ratio: false },
        { key: 'failed', metric: 'connections failed', unit: 'count', ratio: false },
        { key: 'p50', metric: 'connect time p50 ms', unit: 'ms' },
        { key: 'p99', metric: 'connect time p99 ms', unit: 'ms' },
        { key: 'max', metric: 'connect time max ms', unit: 'ms' },
        { key: 'perSec', metric: 'connections/s', unit: 'perSecond' },
        { key: 'rssKbPerConn', metric: 'server RSS per connection KB', unit: 'kb' },
        { key: 'heapKbPerConn', metric: 'server heap per connection KB', unit: 'kb' },
        { key: 'serverCpuUsPerConn', metric: 'server CPU µs per connection', unit: 'us' },
        { key: 'baseRssMb', metric: 'server RSS MB before connecting', unit: 'mb' },
        { key: 'serverRssMb', metric: 'server RSS MB, all open', unit: 'mb' },
        { key: 'connsPerGb', metric: 'connections per GB of server RSS', unit: 'count' },
        { key: 'loadgenCpuPct', metric: 'load generators CPU % of a core while connecting', unit: 'percent' },
        OTHER_CPU_ROW,
      ]),
    };
  },
};

/** The load generators' reports as one: counts and CPU summed, latencies merged, the longest wall time. */
function combine(reports: ConnectReport[]) {
  const latency = new Histogram();
  for (const r of reports) latency.merge(Histogram.fromJSON(r.connectLatency));
  return {
    connected: reports.reduce((sum, r) => sum + r.connected, 0),
    failed: reports.reduce((sum, r) => sum + r.failed, 0),
    errors: reports.flatMap((r) => r.errors).slice(0, 5),
    latency,
    wallMs: Math.max(1, ...reports.map((r) => r.wallMs)),
    cpuMs: reports.reduce((sum, r) => sum + r.usage.cpuMs, 0),
    tokenCpuMs: reports.reduce((sum, r) => sum + r.tokenCpuMs, 0),
  };
}
