import { parseArgs } from 'node:util';
import { FD_HEADROOM, childFileLimit } from './shared/fd-limit.js';
import { SERVER_KINDS, type ServerKind, isServerKind } from './shared/server-kind.js';

export const SCENARIO_NAMES = ['fan-out', 'many-ops', 'coalescing', 'connections', 'cross-node'] as const;
export type ScenarioName = (typeof SCENARIO_NAMES)[number];

export interface ThroughputOptions {
  clients: number;
  ratePerOp: number;
  durationMs: number;
  coalesceIntervalMs: number;
}

export interface BenchOptions {
  scenarios: ScenarioName[];
  servers: ServerKind[];
  fanOut: ThroughputOptions;
  manyOps: ThroughputOptions;
  coalescing: { subscribers: number; durationMs: number; coalesceIntervalMs: number };
  /** `nodes`: gateways in the last phase (2: A and B only; 3: a third phase with the clients split over B and C). */
  crossNode: ThroughputOptions & { nodes: number };
  /** `perLoadgen`: connections per load-generator process (each has its own open-file limit). */
  connections: { count: number; perLoadgen: number };
  /** How the load generator talks to the two Socket.IO servers. */
  client: 'lean' | 'socket.io-client';
  /** LiveProgress retention.maxEvents; undefined keeps the module default (1,000 per operation). */
  retainedEvents: number | undefined;
  /** Each scenario runs every server this many times, interleaved, keeping the quietest round. */
  rounds: Record<ScenarioName, number>;
  /** Connections opened at once by the load generator. */
  connectConcurrency: number;
  /** Write every figure as JSON here too. */
  json: string | undefined;
  /** Run the server children with --cpu-prof (profiles land in ./profiles). */
  profile: boolean;
  /** Stop everything after this many minutes, whatever is running. */
  maxMinutes: number;
  secret: string;
  /** Things the run changed from what was asked, printed before the tables. */
  notes: string[];
}

export const USAGE = `pnpm bench [options]

  --scenario a,b        ${SCENARIO_NAMES.join(', ')} (default: all)
  --servers a,b         ${SERVER_KINDS.join(', ')} (default: all three)
  --duration S          seconds of sending: fan-out and many-ops (default 15), coalescing loop (default 5),
                        cross-node (default 10 per phase)
  --clients N           fan-out (default 1000), many-ops (default 2000) and cross-node (default 100) clients
  --rate R              updates/s per operation: fan-out (default 100), many-ops (default 10), cross-node (100)
  --subscribers N       clients following the coalescing scenario's operation (default 10)
  --connections K       idle connections in the connections scenario (default 19000: the most the
                        server's open-file limit of 20,000 leaves room for), opened by load generators
                        of at most 5,000 connections each
  --per-loadgen N       connections per load-generator process in the connections scenario (default 5000)
  --nodes N             cross-node: 2 (A publishes, clients on B) or 3 (then a third phase on three
                        gateways, clients split over B and C; default 3)
  --coalesce-ms MS      LiveProgress coalesceIntervalMs (default: half the update period in fan-out
                        and many-ops, so no update is merged; the module default 100 in coalescing)
  --retain N            LiveProgress retention.maxEvents, events kept per operation (default: the
                        module's, 1000)
  --client C            lean (default: the bench's minimal Socket.IO protocol client, cheap for the
                        load generator) or socket.io-client (the real library)
  --connect-concurrency N  connections opened at once (default 20)
  --rounds N            run each server N times, interleaved, and keep its quietest round (default: 2 for
                        fan-out and 3 for cross-node, whose targets are the most sensitive to other load on
                        the machine; 1 elsewhere)
  --json FILE           also write the results as JSON
  --profile             run server processes with --cpu-prof (written to ./profiles)
  --max-minutes M       hard stop for the whole run (default 20)
  --help`;

export function parseOptions(argv: string[]): BenchOptions | 'help' {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      scenario: { type: 'string' },
      servers: { type: 'string' },
      duration: { type: 'string' },
      clients: { type: 'string' },
      rate: { type: 'string' },
      subscribers: { type: 'string' },
      connections: { type: 'string' },
      nodes: { type: 'string' },
      'per-loadgen': { type: 'string' },
      'coalesce-ms': { type: 'string' },
      'connect-concurrency': { type: 'string' },
      client: { type: 'string' },
      rounds: { type: 'string' },
      retain: { type: 'string' },
      json: { type: 'string' },
      profile: { type: 'boolean', default: false },
      'max-minutes': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return 'help';
  const num = (name: string, raw: string | undefined, fallback: number, { integer = true, min = 1 } = {}): number => {
    if (raw === undefined) return fallback;
    const v = Number(raw);
    if (!Number.isFinite(v) || v < min || (integer && !Number.isInteger(v)))
      throw new Error(`--${name} takes ${integer ? 'an integer' : 'a number'} ≥ ${min}, got "${raw}"`);
    return v;
  };
  const list = <T extends string>(name: string, raw: string | undefined, all: readonly T[], valid: (s: string) => s is T): T[] => {
    if (raw === undefined) return [...all];
    const items = raw
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const bad = items.filter((s) => !valid(s));
    if (bad.length || items.length === 0) throw new Error(`--${name}: unknown ${bad.join(', ') || '(empty)'}; choose from ${all.join(', ')}`);
    return all.filter((s) => items.includes(s));
  };
  const isScenario = (s: string): s is ScenarioName => (SCENARIO_NAMES as readonly string[]).includes(s);

  const duration = values.duration === undefined ? undefined : num('duration', values.duration, 0, { integer: false, min: 0.1 }) * 1000;
  const coalesceMs = values['coalesce-ms'] === undefined ? undefined : num('coalesce-ms', values['coalesce-ms'], 0, { integer: false, min: 0.1 });
  const throughput = (clients: number, ratePerOp: number): ThroughputOptions => {
    const rate = num('rate', values.rate, ratePerOp, { integer: false, min: 0.1 });
    return {
      clients: num('clients', values.clients, clients),
      ratePerOp: rate,
      durationMs: duration ?? 15_000,
      // Half the update period: coalescing is on, but no update of a steady producer is merged.
      coalesceIntervalMs: coalesceMs ?? 500 / rate,
    };
  };
  const options: BenchOptions = {
    scenarios: list('scenario', values.scenario, SCENARIO_NAMES, isScenario),
    servers: list('servers', values.servers, SERVER_KINDS, isServerKind),
    fanOut: throughput(1000, 100),
    manyOps: throughput(2000, 10),
    crossNode: { ...throughput(100, 100), durationMs: duration ?? 10_000, nodes: nodesOf(values.nodes) },
    coalescing: {
      subscribers: num('subscribers', values.subscribers, 10),
      durationMs: duration ?? 5000,
      coalesceIntervalMs: coalesceMs ?? 100,
    },
    connections: {
      count: num('connections', values.connections, DEFAULT_CONNECTIONS),
      perLoadgen: num('per-loadgen', values['per-loadgen'], CONNECTIONS_PER_LOADGEN),
    },
    client: clientOf(values.client),
    rounds: roundsOf(values.rounds === undefined ? undefined : num('rounds', values.rounds, 1)),
    retainedEvents: values.retain === undefined ? undefined : num('retain', values.retain, 1),
    connectConcurrency: num('connect-concurrency', values['connect-concurrency'], 20),
    json: values.json,
    profile: values.profile ?? false,
    maxMinutes: num('max-minutes', values['max-minutes'], 20, { integer: false, min: 0.1 }),
    secret: 'liveprogress-bench-secret-0123456789-abcdefghijklmnop',
    notes: [],
  };
  fitToFileLimit(options);
  return options;
}

/** The connections scenario's default: the server's 20,000 descriptors less its own headroom, rounded down. */
export const DEFAULT_CONNECTIONS = 19_000;
/** Each load generator holds at most this many client sockets (and as many descriptors). */
export const CONNECTIONS_PER_LOADGEN = 5000;

function nodesOf(raw: string | undefined): number {
  if (raw === undefined) return 3;
  if (raw === '2' || raw === '3') return Number(raw);
  throw new Error(`--nodes is 2 or 3, got "${raw}"`);
}

/**
 * Fan-out carries two targets and is the scenario other processes on the machine disturb most.
 * Cross-node's p99 is set by the slowest ~10 of its 1,000 events (each reaches 100 clients at
 * once), so one scheduling hiccup of the 2-core machine moves it: three rounds, the quietest kept.
 */
function roundsOf(given: number | undefined): Record<ScenarioName, number> {
  const rounds = Object.fromEntries(SCENARIO_NAMES.map((name) => [name, given ?? 1])) as Record<ScenarioName, number>;
  if (given === undefined) {
    rounds['fan-out'] = 2;
    rounds['cross-node'] = 3;
  }
  return rounds;
}

function clientOf(raw: string | undefined): BenchOptions['client'] {
  if (raw === undefined || raw === 'lean') return 'lean';
  if (raw === 'socket.io-client') return raw;
  throw new Error(`--client is lean or socket.io-client, got "${raw}"`);
}

/**
 * Each client is one socket in a load generator and one in the server, and each
 * process has the open-file limit to itself (children run with the hard limit, see
 * startChild); the server holds them all, so it is the bound. Scale down rather than
 * fail half-way with EMFILE.
 */
function fitToFileLimit(options: BenchOptions): void {
  const limit = childFileLimit();
  if (limit === null) {
    options.notes.push('Could not read the open-file limit (ulimit -n); client counts are used as given.');
    return;
  }
  const max = Math.floor((limit - FD_HEADROOM) / 100) * 100;
  const capped = (what: string, requested: number): number => {
    if (requested <= max) return requested;
    options.notes.push(
      `${what}: ${requested.toLocaleString('en-US')} asked, but the hard open-file limit is ${limit} per process (ulimit -Hn): ran ${max.toLocaleString('en-US')}. Raise it to ${requested + FD_HEADROOM} (the server needs one descriptor per connection).`,
    );
    return max;
  };
  options.fanOut.clients = capped('fan-out clients', options.fanOut.clients);
  options.manyOps.clients = capped('many-ops clients', options.manyOps.clients);
  options.coalescing.subscribers = capped('coalescing subscribers', options.coalescing.subscribers);
  options.connections.count = capped('connections', options.connections.count);
  options.crossNode.clients = capped('cross-node clients', options.crossNode.clients);
}
