import type { ThroughputOptions } from '../options.js';
import type { TargetCheck } from '../report/scenario-result.js';
import { Histogram } from '../shared/histogram.js';
import { SERVER_LABELS } from '../shared/server-kind.js';
import { MachineLoad } from '../shared/machine-load.js';
import { OTHER_CPU_ROW, loadgenNotes, measureEach, rowsOf, ratioOf } from './measures.js';
import { MB, type Scenario } from './scenario.js';
import { connectPlan, waitForDelivery, withSession } from './session.js';

type Key =
  | 'connected'
  | 'updates'
  | 'skipped'
  | 'events'
  | 'received'
  | 'deliveredPerSec'
  | 'lossPct'
  | 'p50'
  | 'p99'
  | 'max'
  | 'gaps'
  | 'serverCpuPct'
  | 'serverCpuUsPerDelivery'
  | 'serverRssMb'
  | 'loadgenCpuPct'
  | 'loadgenWakeupsPerSec';

/**
 * fan-out (every client on one operation) and many-ops (each client on its own):
 * paced updates for a fixed time, then delivered events/s, loss and publish → receive latency.
 */
export function throughputScenario(name: 'fan-out' | 'many-ops'): Scenario {
  const shared = name === 'fan-out';
  return {
    name,
    async run(options, log) {
      const plan: ThroughputOptions = shared ? options.fanOut : options.manyOps;
      const seconds = plan.durationMs / 1000;
      const title = shared
        ? `fan-out: ${plan.clients.toLocaleString('en-US')} clients on one operation, ${plan.ratePerOp} updates/s for ${seconds} s`
        : `many operations: ${plan.clients.toLocaleString('en-US')} clients, each on its own operation, ${plan.ratePerOp} updates/s each for ${seconds} s`;
      log(title);
      const notes: string[] = [];
      const users = Array.from({ length: plan.clients }, (_, i) => `user-${i}`);
      const measures = await measureEach<Key>(options.servers, options.rounds[name], notes, log, (kind) =>
        withSession(kind, options, { coalesceIntervalMs: plan.coalesceIntervalMs }, async ({ server, loadgen, url }) => {
          const { ids } = await server.rpc.call('createOperations', { owners: shared ? [users[0]!] : users, visibility: shared ? 'tenant' : 'owner' }, 60_000);
          const watchers = users.map((userId, i) => ({ userId, operationId: shared ? ids[0]! : ids[i]! }));
          const connect = await loadgen.rpc.call('connect', connectPlan(kind, options, url, watchers), 120_000);
          if (connect.failed || connect.subscribeFailed) {
            notes.push(
              `${SERVER_LABELS[kind]}: ${connect.failed} connections and ${connect.subscribeFailed} subscriptions failed (${connect.errors.join('; ')})`,
            );
          }
          const subscribed = connect.connected - connect.subscribeFailed;
          await server.rpc.call('mark', { gc: true });
          await loadgen.rpc.call('mark', {});
          const machine = new MachineLoad();
          const before = (await server.rpc.call('eventsSent', {})).events;
          const published = await server.rpc.call('publish', { ratePerOp: plan.ratePerOp, durationMs: plan.durationMs, tickMs: 1 }, plan.durationMs + 60_000);
          const events = (await server.rpc.call('eventsSent', {}, 60_000)).events - before;
          // fan-out: every event goes to every subscriber; many-ops: each event to its one client.
          const expected = shared ? events * subscribed : Math.round(events * (subscribed / plan.clients));
          await waitForDelivery(loadgen, expected);
          const serverUsage = await server.rpc.call('usage', { gc: false });
          const received = await loadgen.rpc.call('report', {});
          const otherCpuPct = machine.otherPercent(serverUsage.cpuMs + received.usage.cpuMs) ?? Number.NaN;
          if (received.disconnects) notes.push(`${SERVER_LABELS[kind]}: ${received.disconnects} clients were disconnected during the run.`);
          const latency = Histogram.fromJSON(received.latency).summary();
          const sendWindowMs = published.endedAt - published.startedAt;
          const deliveryWindowMs = Math.max(sendWindowMs, received.lastAt - published.startedAt);
          return {
            connected: connect.connected,
            updates: published.updates,
            skipped: published.skippedUpdates,
            events,
            received: received.received,
            deliveredPerSec: (1000 * received.received) / deliveryWindowMs,
            lossPct: expected > 0 ? Math.max(0, 100 * (1 - received.received / expected)) : 0,
            p50: latency.p50 / 1000,
            p99: latency.p99 / 1000,
            max: latency.max / 1000,
            gaps: received.gaps,
            serverCpuPct: (100 * serverUsage.cpuMs) / sendWindowMs,
            serverCpuUsPerDelivery: received.received ? (1000 * serverUsage.cpuMs) / received.received : 0,
            serverRssMb: serverUsage.rss / MB,
            loadgenCpuPct: (100 * received.usage.cpuMs) / sendWindowMs,
            loadgenWakeupsPerSec: (1000 * received.usage.wakeups) / sendWindowMs,
            otherCpuPct,
          };
        }),
      );
      notes.push(
        "Updates skipped: planned updates not made because the server's event loop was more than an update period late, i.e. the server was saturated (or starved by other processes); they are not made up in a burst.",
      );
      if (!shared) {
        notes.push(
          `LiveProgress keeps the last ${(options.retainedEvents ?? 1000).toLocaleString('en-US')} events of every operation for replay (retention.maxEvents); its RSS includes them (--retain to change).`,
        );
      }
      notes.push(
        `LiveProgress runs with coalesceIntervalMs ${plan.coalesceIntervalMs} (at most ${Math.round(1000 / plan.coalesceIntervalMs)} events/s per operation): coalescing is on, and a steady producer at ${plan.ratePerOp}/s has none of its updates merged unless the server falls behind; then the newest state wins and events sent < updates published.`,
        'Latency: publish timestamp taken at update() (LiveProgress, in `details.sentAt`) or just before emit/send (baselines); receive timestamp when the client library hands over the parsed event.',
        'CPU is in % of one core over the send window (work left over from it, drained after, is included); µs per delivery = server CPU ÷ events received.',
        "Load generator wake-ups: its main thread's voluntary context switches per second, each a sleep that a server's write ended. The load generator shares this machine: waking it is work in the server's kernel time, so a server whose writes come further apart wakes it more often and pays for that (docs/performance.md, many-ops).",
      );
      loadgenNotes(measures, 'loadgenCpuPct', notes);
      // The targets of issue 16 (many-ops) and of the first plan (fan-out), as ratios to bare Socket.IO in this run.
      const targets: TargetCheck[] = shared
        ? [
            ratioTarget('fan-out delivered events/s ≥ 0.9× Socket.IO', ratioOf(measures, 'deliveredPerSec'), (r) => r >= 0.9),
            ratioTarget('fan-out p99 latency ≤ 1.2× Socket.IO', ratioOf(measures, 'p99'), (r) => r <= 1.2),
          ]
        : [
            ratioTarget('many-ops server CPU µs per delivery ≤ 1.10× Socket.IO', ratioOf(measures, 'serverCpuUsPerDelivery'), (r) => r <= 1.1),
            ratioTarget('many-ops p99 latency ≤ 1.5× Socket.IO', ratioOf(measures, 'p99'), (r) => r <= 1.5),
            options.retainedEvents === undefined
              ? ratioTarget('many-ops server RSS ≤ 1.5× Socket.IO (default retention)', ratioOf(measures, 'serverRssMb'), (r) => r <= 1.5)
              : { target: 'many-ops server RSS ≤ 1.5× Socket.IO (default retention)', measured: 'not measured: --retain changed the retention', met: null },
          ];
      return {
        name,
        title,
        notes,
        targets,
        rows: rowsOf(measures, [
          { key: 'connected', metric: 'clients connected', unit: 'count', ratio: false },
          { key: 'updates', metric: 'updates published', unit: 'count' },
          { key: 'skipped', metric: 'updates skipped (server behind)', unit: 'count', ratio: false },
          { key: 'events', metric: 'events sent (LiveProgress: stored)', unit: 'count' },
          { key: 'received', metric: 'events received, all clients', unit: 'count' },
          { key: 'deliveredPerSec', metric: 'delivered events/s', unit: 'perSecond' },
          { key: 'lossPct', metric: 'loss %', unit: 'percent' },
          { key: 'p50', metric: 'latency p50 ms', unit: 'ms' },
          { key: 'p99', metric: 'latency p99 ms', unit: 'ms' },
          { key: 'max', metric: 'latency max ms', unit: 'ms' },
          { key: 'gaps', metric: 'seq gaps seen by clients', unit: 'count', ratio: false },
          { key: 'serverCpuPct', metric: 'server CPU % of a core', unit: 'percent' },
          { key: 'serverCpuUsPerDelivery', metric: 'server CPU µs per delivery', unit: 'us' },
          { key: 'serverRssMb', metric: 'server RSS MB', unit: 'mb' },
          { key: 'loadgenCpuPct', metric: 'load generator CPU % of a core', unit: 'percent' },
          { key: 'loadgenWakeupsPerSec', metric: 'load generator wake-ups/s', unit: 'perSecond' },
          OTHER_CPU_ROW,
        ]),
      };
    },
  };
}

/** A target that is a ratio to bare Socket.IO; not measured when either side did not run. */
function ratioTarget(target: string, ratio: number | null, met: (ratio: number) => boolean): TargetCheck {
  return ratio === null ? { target, measured: 'not measured', met: null } : { target, measured: `${ratio.toFixed(2)}×`, met: met(ratio) };
}
