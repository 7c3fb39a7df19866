// The load-generator child: every client connection of a run, in one process of its own.
import jwt from 'jsonwebtoken';
import { serveRpc } from '../process/rpc.js';
import { nowMs, sleep } from '../shared/clock.js';
import { Histogram } from '../shared/histogram.js';
import { UsageMeter } from '../shared/usage-meter.js';
import { type BenchClient, openClient } from './bench-client.js';
import type { ConnectPlan, ConnectReport, LoadgenApi } from './loadgen-api.js';
import { Receiver } from './receiver.js';

const clients: BenchClient[] = [];
const receiver = new Receiver();
const meter = new UsageMeter();

async function connect(plan: ConnectPlan): Promise<ConnectReport> {
  // Tokens are signed before the clock starts: signing is the issuer's cost, not the connection's.
  const signing = process.cpuUsage();
  const tokens = plan.clients.map(({ userId }) => jwt.sign({ sub: userId, tenantId: plan.tenantId }, plan.secret, { expiresIn: 3600 }));
  const signed = process.cpuUsage(signing);
  const latency = new Histogram();
  const errors: string[] = [];
  let failed = 0;
  let subscribeFailed = 0;
  let next = 0;
  const usage = new UsageMeter();
  const startedAt = nowMs();
  const worker = async () => {
    while (next < plan.clients.length) {
      const i = next++;
      const t0 = nowMs();
      const client = openClient(plan.kind, plan.lean, plan.url, tokens[i]!, plan.timeoutMs, receiver.forClient(), () => receiver.disconnects++);
      try {
        await client.connected;
        latency.record((nowMs() - t0) * 1000);
        clients.push(client);
      } catch (err) {
        failed++;
        if (errors.length < 5) errors.push(err instanceof Error ? err.message : String(err));
        client.close();
        continue;
      }
      const operationId = plan.clients[i]!.operationId;
      if (operationId !== undefined && !(await client.subscribe(operationId, plan.timeoutMs).catch(() => false))) subscribeFailed++;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, plan.concurrency) }, worker));
  return {
    connected: plan.clients.length - failed,
    failed,
    subscribeFailed,
    errors,
    connectLatency: latency.toJSON(),
    wallMs: nowMs() - startedAt,
    usage: usage.read(),
    tokenCpuMs: (signed.user + signed.system) / 1000,
  };
}

serveRpc<LoadgenApi>({
  connect,
  mark: async () => {
    receiver.reset();
    meter.mark();
  },
  received: async () => ({ received: receiver.received }),
  report: async () => ({
    received: receiver.received,
    gaps: receiver.gaps,
    latency: receiver.latency.toJSON(),
    firstAt: receiver.firstAt,
    lastAt: receiver.lastAt,
    disconnects: receiver.disconnects,
    usage: meter.read(),
  }),
  close: async () => {
    for (const client of clients.splice(0)) client.close();
    await sleep(100);
    setTimeout(() => process.exit(0), 50).unref();
  },
});
