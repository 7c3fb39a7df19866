import type { TargetCheck } from '../report/scenario-result.js';
import { Histogram } from '../shared/histogram.js';
import { SERVER_LABELS } from '../shared/server-kind.js';
import { sleep } from '../shared/clock.js';
import { MachineLoad } from '../shared/machine-load.js';
import { OTHER_CPU_ROW, loadgenNotes, measureEach, ratioOf, rowsOf } from './measures.js';
import { MB, type Scenario } from './scenario.js';
import { withSession } from './session.js';

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
  | 'loadgenCpuPct';

/** K idle authenticated connections: what each costs the server in memory, and how long it takes to open. */
export const connectionsScenario: Scenario = {
  name: 'connections',
  async run(options, log) {
    const count = options.connections.count;
    const title = `connections: ${count.toLocaleString('en-US')} idle authenticated connections, ${options.connectConcurrency} opened at a time`;
    log(title);
    const notes: string[] = [];
    const users = Array.from({ length: count }, (_, i) => `user-${i}`);
    const measures = await measureEach<Key>(options.servers, options.rounds.connections, notes, log, (kind) =>
      withSession(kind, options, {}, async ({ server, loadgen, url }) => {
        const base = await server.rpc.call('mark', { gc: true });
        const machine = new MachineLoad();
        const connect = await loadgen.rpc.call(
          'connect',
          {
            kind: kind === 'ws' ? 'ws' : 'socketio',
            lean: options.client === 'lean',
            url,
            secret: options.secret,
            tenantId: 'bench',
            clients: users.map((userId) => ({ userId })),
            concurrency: options.connectConcurrency,
            timeoutMs: 30_000,
          },
          300_000,
        );
        if (connect.failed) notes.push(`${SERVER_LABELS[kind]}: ${connect.failed} connections failed (${connect.errors.join('; ')})`);
        await sleep(2000); // let handshakes finish on the server side and short-lived garbage become collectable
        const cpu = await server.rpc.call('usage', { gc: false });
        const otherCpuPct = machine.otherPercent(cpu.cpuMs + connect.usage.cpuMs + connect.tokenCpuMs) ?? Number.NaN;
        const after = await server.rpc.call('usage', { gc: true });
        const latency = Histogram.fromJSON(connect.connectLatency).summary();
        const n = Math.max(1, connect.connected);
        return {
          connected: connect.connected,
          failed: connect.failed,
          p50: latency.p50 / 1000,
          p99: latency.p99 / 1000,
          max: latency.max / 1000,
          perSec: (1000 * connect.connected) / connect.wallMs,
          rssKbPerConn: (after.rss - base.rss) / n / 1024,
          heapKbPerConn: (after.heapUsed + after.external - base.heapUsed - base.external) / n / 1024,
          serverCpuUsPerConn: (1000 * cpu.cpuMs) / n,
          serverRssMb: after.rss / MB,
          loadgenCpuPct: connect.usage.cpuPercent,
          otherCpuPct,
        };
      }),
    );
    notes.push(
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
        { key: 'serverRssMb', metric: 'server RSS MB, all open', unit: 'mb' },
        { key: 'loadgenCpuPct', metric: 'load generator CPU % while connecting', unit: 'percent' },
        OTHER_CPU_ROW,
      ]),
    };
  },
};
