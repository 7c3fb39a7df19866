// A server child: one of the three targets on 127.0.0.1, driven over IPC.
import { serveRpc } from '../process/rpc.js';
import { isServerKind, type ServerKind } from '../shared/server-kind.js';
import { UsageMeter, collectGarbage } from '../shared/usage-meter.js';
import { sleep } from '../shared/clock.js';
import { LiveProgressTarget } from './liveprogress.target.js';
import { publishPaced } from './paced-publisher.js';
import type { BenchTarget, ServerApi, ServerConfig } from './server-api.js';
import { SocketIoTarget } from './socketio.target.js';
import { hammer } from './tight-loop.js';
import { WsTarget } from './ws.target.js';

const [kind, configJson] = process.argv.slice(2);
if (!kind || !isServerKind(kind) || !configJson) throw new Error('usage: server/main.js <liveprogress|socketio|ws> <config json>');
const config = JSON.parse(configJson) as ServerConfig;

function createTarget(which: ServerKind): BenchTarget {
  switch (which) {
    case 'liveprogress':
      return new LiveProgressTarget(config);
    case 'socketio':
      return new SocketIoTarget(config);
    case 'ws':
      return new WsTarget(config);
  }
}

const target = createTarget(kind);
const meter = new UsageMeter();
let operations = 0;

async function settledUsage(gc: boolean) {
  if (gc && collectGarbage()) await sleep(200);
  if (gc) collectGarbage();
  return meter.read();
}

serveRpc<ServerApi>({
  listen: async () => ({ port: await target.listen() }),
  createOperations: async ({ owners, visibility }) => {
    const ids = await target.createOperations(owners, visibility);
    operations = ids.length;
    return { ids };
  },
  publish: (plan) => publishPaced(target, operations, plan),
  hammer: (plan) => hammer(target, plan),
  eventsSent: async () => ({ events: await target.eventsSent() }),
  mark: async ({ gc }) => {
    const usage = await settledUsage(gc);
    meter.mark();
    return usage;
  },
  usage: ({ gc }) => settledUsage(gc),
  close: async () => {
    await target.close();
    setTimeout(() => process.exit(0), 50).unref();
  },
});
