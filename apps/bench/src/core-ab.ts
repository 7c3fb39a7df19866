// `npm run ab`: two builds of packages/core side by side in one process, rounds interleaved.
import { cpSync, existsSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Server } from 'socket.io';
import { progressFor } from './shared/payload.js';

/**
 * Why one process: on this machine two runs of the same build differ by 15–25 % from one
 * minute to the next (the host's other tenants; nothing inside the machine shows it), far
 * more than a change to the event path is worth. Built side by side and measured in
 * alternating rounds, both builds meet the same minutes: two copies of one build agree within
 * about 4 % at the 25th percentile (docs/performance.md, "Fourth session of 2026-12-07").
 *
 * Each side is the core's event path as a server runs it, from `update()` to the room
 * write: a Coordinator over the memory store, OperationEvents and a Socket.IO server's
 * in-memory adapter (attached to no HTTP server, so rooms have no members and nothing is
 * encoded for a socket). What it leaves out is the socket path, which both builds share.
 */
export interface CoreAbOptions {
  /** Directories holding the two builds' `index.js` (packages/core/dist or a copy of it). */
  a: string;
  b: string;
  /** Operations each side runs; every round updates each of them once. */
  operations: number;
  rounds: number;
  /** Rounds left out of the figures while both builds warm up. */
  warmupRounds: number;
  /** Pause after each side's round; with `coalesceIntervalMs` below it, no update is coalesced. */
  pauseMs: number;
  coalesceIntervalMs: number;
}

export interface CoreAbSide {
  dir: string;
  /** CPU per `update()` in each measured round, µs. */
  rounds: number[];
  min: number;
  p25: number;
  median: number;
  /** Updates the side made, warm-up rounds included. */
  updates: number;
  /** Events the side's store holds at the end: one per update when nothing was coalesced. */
  eventsStored: number;
}

interface CoreModule {
  resolveRuntimeOptions(options: { coalesceIntervalMs: number }): {
    retention: { maxEvents: number; terminalMs: number };
  };
  MemoryOperationStore: new (options: {
    maxEvents: number;
    terminalRetentionMs: number;
  }) => {
    get(id: string): Promise<{ seq: number } | null>;
  };
  SocketIoBroadcaster: new () => { attach(server: Server, options: { clustered: boolean }): void };
  OperationEvents: new (broadcaster: unknown, store: unknown, logger: unknown) => unknown;
  OperationLifecycle: new (notifiers: unknown[], logger: unknown) => unknown;
  Coordinator: new (
    parts: Record<string, unknown>,
  ) => {
    runtime: {
      start(input: { operationType: string; userId: string; tenantId: string }): {
        id: string;
        update(update: { progress: number; details: Record<string, unknown> }): void;
        flushed(): Promise<void>;
      };
    };
  };
}

const stderrLogger = { error: (message: string) => console.error(message), warn: (message: string) => console.error(message) };

async function side(dir: string, options: CoreAbOptions) {
  const core = (await import(join(resolve(dir), 'index.js'))) as CoreModule;
  const resolved = core.resolveRuntimeOptions({ coalesceIntervalMs: options.coalesceIntervalMs });
  const store = new core.MemoryOperationStore({ maxEvents: resolved.retention.maxEvents, terminalRetentionMs: resolved.retention.terminalMs });
  const server = new Server();
  const broadcaster = new core.SocketIoBroadcaster();
  broadcaster.attach(server, { clustered: false });
  const events = new core.OperationEvents(broadcaster, store, stderrLogger);
  const lifecycle = new core.OperationLifecycle([], stderrLogger);
  const coordinator = new core.Coordinator({ store, broadcaster, events, lifecycle, options: resolved, logger: stderrLogger });
  const handles = Array.from({ length: options.operations }, (_, i) =>
    coordinator.runtime.start({ operationType: 'bench', userId: `user-${i}`, tenantId: 'bench' }),
  );
  await Promise.all(handles.map((handle) => handle.flushed()));
  let n = 0;
  return {
    /** One round: every operation updated once; CPU per update, µs. */
    round(): number {
      n++;
      const before = process.cpuUsage();
      for (const handle of handles) handle.update({ progress: progressFor(n), details: { n, sentAt: Date.now() } });
      const used = process.cpuUsage(before);
      return (used.user + used.system) / handles.length;
    },
    get updates(): number {
      return n * handles.length;
    },
    async eventsStored(): Promise<number> {
      await Promise.all(handles.map((handle) => handle.flushed()));
      const snapshots = await Promise.all(handles.map((handle) => store.get(handle.id)));
      return snapshots.reduce((sum, snapshot) => sum + (snapshot?.seq ?? 0), 0);
    },
  };
}

function summary(dir: string, rounds: number[], updates: number, eventsStored: number): CoreAbSide {
  const sorted = [...rounds].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] as number;
  return { dir, rounds, min: at(0), p25: at(0.25), median: at(0.5), updates, eventsStored };
}

/**
 * Runs both builds in alternating rounds (which goes first alternates too) and summarizes each.
 * Whichever side is set up second ran 1–12 % slower when both were the same build (it follows
 * the order, not the build; why is not known), so the run is made twice, the second time with the
 * sides set up in the other order, and each side's figures are taken from both halves.
 */
export async function runCoreAb(options: CoreAbOptions): Promise<{ a: CoreAbSide; b: CoreAbSide }> {
  const measured: { a: number[]; b: number[] } = { a: [], b: [] };
  const updates = { a: 0, b: 0 };
  const stored = { a: 0, b: 0 };
  for (const order of [['a', 'b'] as const, ['b', 'a'] as const]) {
    const first = await side(options[order[0]], options);
    const second = await side(options[order[1]], options);
    // Nothing to close: the Socket.IO servers were never attached, and the coordinators never started their timers.
    const sides = { [order[0]]: first, [order[1]]: second } as Record<'a' | 'b', typeof first>;
    const rounds = Math.ceil(options.rounds / 2);
    for (let round = 0; round < options.warmupRounds + rounds; round++) {
      for (const key of round % 2 === 0 ? (['a', 'b'] as const) : (['b', 'a'] as const)) {
        const micros = sides[key].round();
        if (round >= options.warmupRounds) measured[key].push(micros);
        await new Promise((done) => setTimeout(done, options.pauseMs));
      }
    }
    for (const key of ['a', 'b'] as const) {
      updates[key] += sides[key].updates;
      stored[key] += await sides[key].eventsStored();
    }
  }
  return { a: summary(options.a, measured.a, updates.a, stored.a), b: summary(options.b, measured.b, updates.b, stored.b) };
}

const coreDir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../packages/core');
/** Where `--save-baseline` keeps a copy of the core's build: beside it, so its own imports resolve as the build's do. */
export const BASELINE_DIR = join(coreDir, '.ab-baseline');

const USAGE = `npm run ab -- [options]    (in apps/bench; build packages/core first)

  --save-baseline     copy packages/core/dist to packages/core/.ab-baseline and stop: do this
                      before the change you want to measure
  --a DIR             the first build (default: the saved baseline)
  --b DIR             the second build (default: packages/core/dist)
  --operations N      operations per side (default 2000, the bench's many-ops)
  --rounds N          measured rounds per side, half with each side set up first (default 60)
  --help`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      'save-baseline': { type: 'boolean', default: false },
      a: { type: 'string' },
      b: { type: 'string' },
      operations: { type: 'string', default: '2000' },
      rounds: { type: 'string', default: '60' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values['save-baseline']) {
    rmSync(BASELINE_DIR, { recursive: true, force: true });
    cpSync(join(coreDir, 'dist'), BASELINE_DIR, { recursive: true });
    console.log(`saved packages/core/dist as the baseline (${BASELINE_DIR})`);
    return 0;
  }
  const a = values.a ?? BASELINE_DIR;
  const b = values.b ?? join(coreDir, 'dist');
  for (const dir of [a, b]) {
    if (!existsSync(join(dir, 'index.js'))) {
      console.error(`no build in ${dir}: ${dir === BASELINE_DIR ? 'run with --save-baseline first' : 'build packages/core'}\n\n${USAGE}`);
      return 2;
    }
  }
  const operations = Number(values.operations);
  const rounds = Number(values.rounds);
  if (!(Number.isInteger(operations) && operations > 0 && Number.isInteger(rounds) && rounds > 0)) {
    console.error(`--operations and --rounds take positive whole numbers\n\n${USAGE}`);
    return 2;
  }
  // 10 updates/s per operation, as in the bench's many-ops, at the bench's coalescing interval (half the period).
  const options: CoreAbOptions = { a, b, operations, rounds, warmupRounds: 4, pauseMs: 50, coalesceIntervalMs: 50 };
  const result = await runCoreAb(options);
  console.log(`CPU per update() through the core's event path, µs (${operations} operations, ${rounds} rounds per side, interleaved):\n`);
  console.log('| build | min | p25 | median | events stored |');
  console.log('|:--|--:|--:|--:|--:|');
  for (const s of [result.a, result.b]) console.log(`| ${s.dir} | ${s.min.toFixed(2)} | ${s.p25.toFixed(2)} | ${s.median.toFixed(2)} | ${s.eventsStored} |`);
  console.log(`\nb ÷ a: ${(result.b.p25 / result.a.p25).toFixed(3)} at p25, ${(result.b.median / result.a.median).toFixed(3)} at the median`);
  if (result.a.eventsStored !== result.a.updates || result.b.eventsStored !== result.b.updates) {
    console.log(
      `note: some of the ${result.a.updates} updates per side were coalesced (the machine fell behind the pauses): the figures include rounds that stored fewer events`,
    );
  }
  return 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => process.exit(code),
    (err: unknown) => {
      console.error(err);
      process.exit(1);
    },
  );
}
