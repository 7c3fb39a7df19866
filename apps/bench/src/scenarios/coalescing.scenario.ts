import type { TargetCheck } from '../report/scenario-result.js';
import { SERVER_LABELS } from '../shared/server-kind.js';
import { MachineLoad } from '../shared/machine-load.js';
import { OTHER_CPU_ROW, loadgenNotes, measureEach, rowsOf } from './measures.js';
import { MB, type Scenario } from './scenario.js';
import { connectPlan, waitForDelivery, withSession } from './session.js';

type Key =
  | 'calls'
  | 'callsPerLoopSec'
  | 'callsPerWallSec'
  | 'events'
  | 'eventsPerSec'
  | 'received'
  | 'wirePerSec'
  | 'perCallMessages'
  | 'stalls'
  | 'serverCpuPct'
  | 'serverRssMb'
  | 'loadgenCpuPct';

/** Backlog past which the baselines' loop waits: without a bound a per-call emitter only fills memory. */
const MAX_BACKLOG_BYTES = 1024 * 1024;

/**
 * One producer calling update() in a tight loop. LiveProgress coalesces the calls into
 * at most one event per interval; the baselines must send one message per call, so
 * their loop runs only as fast as the subscribers drain it.
 */
export const coalescingScenario: Scenario = {
  name: 'coalescing',
  async run(options, log) {
    const plan = options.coalescing;
    const title = `coalescing: one producer calling update() in a tight loop for ${plan.durationMs / 1000} s, ${plan.subscribers} subscribers`;
    log(title);
    const notes: string[] = [];
    const users = Array.from({ length: plan.subscribers }, (_, i) => `user-${i}`);
    const measures = await measureEach<Key>(options.servers, options.rounds.coalescing, notes, log, (kind) =>
      withSession(kind, options, { coalesceIntervalMs: plan.coalesceIntervalMs }, async ({ server, loadgen, url }) => {
        const { ids } = await server.rpc.call('createOperations', { owners: [users[0]!], visibility: 'tenant' });
        const followers = users.map((userId) => ({ userId, operationId: ids[0]! }));
        const connect = await loadgen.rpc.call('connect', connectPlan(kind, options, url, followers));
        if (connect.failed || connect.subscribeFailed)
          notes.push(`${SERVER_LABELS[kind]}: ${connect.failed} connections and ${connect.subscribeFailed} subscriptions failed`);
        const subscribed = connect.connected - connect.subscribeFailed;
        await server.rpc.call('mark', { gc: true });
        await loadgen.rpc.call('mark', {});
        const machine = new MachineLoad();
        const before = (await server.rpc.call('eventsSent', {})).events;
        const run = await server.rpc.call('hammer', { durationMs: plan.durationMs, sliceMs: 5, maxBacklogBytes: MAX_BACKLOG_BYTES }, plan.durationMs + 60_000);
        const events = (await server.rpc.call('eventsSent', {})).events - before;
        await waitForDelivery(loadgen, events * subscribed);
        const usage = await server.rpc.call('usage', { gc: false });
        const received = await loadgen.rpc.call('report', {});
        const otherCpuPct = machine.otherPercent(usage.cpuMs + received.usage.cpuMs) ?? Number.NaN;
        return {
          calls: run.calls,
          callsPerLoopSec: (1000 * run.calls) / run.busyMs,
          callsPerWallSec: (1000 * run.calls) / run.wallMs,
          events,
          eventsPerSec: (1000 * events) / run.wallMs,
          received: received.received,
          wirePerSec: (1000 * received.received) / run.wallMs,
          perCallMessages: run.calls * subscribed,
          stalls: run.stalls,
          serverCpuPct: (100 * usage.cpuMs) / run.wallMs,
          serverRssMb: usage.rss / MB,
          loadgenCpuPct: (100 * received.usage.cpuMs) / run.wallMs,
          otherCpuPct,
        };
      }),
    );
    const lp = measures.liveprogress;
    notes.push(
      `Each call is update({ progress, details: { n, sentAt } }) (LiveProgress) or one emit of the same payload to the room (Socket.IO) / one send per subscriber (ws). The loop runs in ${5} ms slices and yields to the event loop between them.`,
      `LiveProgress coalesceIntervalMs ${plan.coalesceIntervalMs}: the wire may carry at most ${Math.round(1000 / plan.coalesceIntervalMs)} events/s (+1 leading) per operation.`,
      `The baselines have no coalescing, so they must send one message per call per subscriber; their loop pauses while any subscriber has more than ${MAX_BACKLOG_BYTES / MB} MB unsent (else memory grows without bound), so their calls/s is what the wire and the clients can drain.`,
    );
    if (lp) {
      notes.push(
        `A per-call emitter would have put ${Math.round(lp.perCallMessages).toLocaleString('en-US')} messages on the wire for LiveProgress's ${Math.round(lp.calls).toLocaleString('en-US')} calls; LiveProgress delivered ${Math.round(lp.received).toLocaleString('en-US')}.`,
      );
    }
    loadgenNotes(measures, 'loadgenCpuPct', notes);
    const targets: TargetCheck[] = [];
    if (lp) {
      const allowed = (plan.durationMs / plan.coalesceIntervalMs + 2) * 1.05;
      targets.push({
        target: 'update() accepts ≥ 1,000,000 calls/s on one core while the wire carries only the configured rate',
        measured: `${Math.round(lp.callsPerLoopSec).toLocaleString('en-US')} calls/s in the loop; ${lp.events} events stored in ${plan.durationMs / 1000} s (${lp.eventsPerSec.toFixed(1)}/s, configured ≤ ${Math.round(1000 / plan.coalesceIntervalMs)}/s)`,
        met: lp.callsPerLoopSec >= 1_000_000 && lp.events <= allowed,
      });
    }
    return {
      name: 'coalescing',
      title,
      notes,
      targets,
      rows: rowsOf(measures, [
        { key: 'calls', metric: 'calls made', unit: 'count' },
        { key: 'callsPerLoopSec', metric: 'calls/s accepted (loop time, one core)', unit: 'perSecond' },
        { key: 'callsPerWallSec', metric: 'calls/s accepted (wall time)', unit: 'perSecond' },
        { key: 'events', metric: 'events stored (LiveProgress) / emitted', unit: 'count' },
        { key: 'eventsPerSec', metric: 'events/s', unit: 'perSecond' },
        { key: 'received', metric: 'messages delivered, all subscribers', unit: 'count' },
        { key: 'wirePerSec', metric: 'messages/s on the wire', unit: 'perSecond' },
        { key: 'perCallMessages', metric: 'messages a per-call emitter would send', unit: 'count' },
        { key: 'stalls', metric: 'loop pauses for backlog', unit: 'count', ratio: false },
        { key: 'serverCpuPct', metric: 'server CPU % of a core', unit: 'percent' },
        { key: 'serverRssMb', metric: 'server RSS MB', unit: 'mb' },
        { key: 'loadgenCpuPct', metric: 'load generator CPU % of a core', unit: 'percent' },
        OTHER_CPU_ROW,
      ]),
    };
  },
};
