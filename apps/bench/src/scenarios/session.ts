import type { ConnectPlan, LoadgenApi } from '../loadgen/loadgen-api.js';
import type { BenchOptions } from '../options.js';
import { type Child, startChild } from '../process/children.js';
import type { ServerApi, ServerConfig } from '../server/server-api.js';
import { type ServerKind, SERVER_LABELS } from '../shared/server-kind.js';
import { sleep } from '../shared/clock.js';

/** A server child and its load-generator children (one, unless asked for more) for one server of one scenario. */
export interface Session {
  kind: ServerKind;
  server: Child<ServerApi>;
  /** The first load generator, the only one for most scenarios. */
  loadgen: Child<LoadgenApi>;
  loadgens: Array<Child<LoadgenApi>>;
  url: string;
}

/**
 * Starts the two children, runs `body`, and stops both whatever happens: politely
 * (close over IPC) first, then by signal.
 */
export async function withSession<T>(
  kind: ServerKind,
  options: BenchOptions,
  config: Partial<ServerConfig>,
  body: (s: Session) => Promise<T>,
  loadgenCount = 1,
): Promise<T> {
  const fullConfig: ServerConfig = {
    secret: options.secret,
    coalesceIntervalMs: 100,
    ...(options.retainedEvents !== undefined ? { maxEvents: options.retainedEvents } : {}),
    ...config,
  };
  const execArgv = ['--expose-gc', ...(options.profile ? ['--cpu-prof', '--cpu-prof-dir=profiles', `--cpu-prof-name=${kind}-${Date.now()}.cpuprofile`] : [])];
  let server: Child<ServerApi> | undefined;
  const loadgens: Array<Child<LoadgenApi>> = [];
  try {
    server = await startChild<ServerApi>('server/main.js', `${SERVER_LABELS[kind]} server`, [kind, JSON.stringify(fullConfig)], execArgv);
    for (let i = 0; i < Math.max(1, loadgenCount); i++)
      loadgens.push(await startChild<LoadgenApi>('loadgen/main.js', loadgenCount > 1 ? `load generator ${i + 1}` : 'load generator', []));
    const { port } = await server.rpc.call('listen', {}, 30_000);
    return await body({ kind, server, loadgen: loadgens[0]!, loadgens, url: `http://127.0.0.1:${port}` });
  } finally {
    await Promise.allSettled(loadgens.map((l) => l.rpc.call('close', {}, 10_000)));
    await Promise.allSettled([server?.rpc.call('close', {}, 10_000)]);
    await Promise.allSettled([...loadgens.map((l) => l.stop(3000)), server?.stop(3000)]);
    await sleep(200); // let sockets in TIME_WAIT and freed memory settle before the next server starts
  }
}

/** Polls until the load generator has `expected` events, or stops gaining for `quietMs`, or `maxMs` pass. */
export async function waitForDelivery(loadgen: Child<LoadgenApi>, expected: number, quietMs = 2000, maxMs = 20_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let last = -1;
  let lastChange = Date.now();
  while (Date.now() < deadline) {
    const { received } = await loadgen.rpc.call('received', {});
    if (received >= expected) return;
    if (received !== last) {
      last = received;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > quietMs) return;
    await sleep(100);
  }
}

/**
 * What every scenario asks a load generator to open: one authenticated client per entry of
 * `clients`, of the kind that speaks to `kind`, in the bench's tenant.
 */
export function connectPlan(
  kind: ServerKind,
  options: BenchOptions,
  url: string,
  clients: ConnectPlan['clients'],
  tuning: { concurrency?: number; timeoutMs?: number } = {},
): ConnectPlan {
  return {
    kind: kind === 'ws' ? 'ws' : 'socketio',
    lean: options.client === 'lean',
    url,
    secret: options.secret,
    tenantId: 'bench',
    clients,
    concurrency: tuning.concurrency ?? options.connectConcurrency,
    timeoutMs: tuning.timeoutMs ?? 20_000,
  };
}
