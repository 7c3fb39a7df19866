// `pnpm bench`: every scenario against LiveProgress, bare Socket.IO and raw ws, side by side.
import { writeFileSync } from 'node:fs';
import { describeMachine } from './machine.js';
import { type BenchOptions, USAGE, parseOptions } from './options.js';
import { stopAllChildren, stopChildrenOnExit } from './process/children.js';
import type { ScenarioResult } from './report/scenario-result.js';
import { renderScenario } from './report/table.js';
import { SCENARIOS } from './scenarios/index.js';
import { BASELINE, SERVER_LABELS } from './shared/server-kind.js';

async function main(): Promise<number> {
  let options: BenchOptions | 'help';
  try {
    options = parseOptions(process.argv.slice(2));
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    console.log(USAGE);
    return 0;
  }
  stopChildrenOnExit();
  const watchdog = setTimeout(() => {
    console.error(`\nThe run passed --max-minutes ${options.maxMinutes}: stopping everything.`);
    void stopAllChildren(1000).finally(() => process.exit(1));
  }, options.maxMinutes * 60_000);
  watchdog.unref();

  const startedAt = Date.now();
  console.log(`# LiveProgress benchmark\n\nMachine: ${describeMachine()}\n`);
  console.log(
    `Each scenario runs ${options.servers.map((s) => SERVER_LABELS[s]).join(', ')} in turn, each server in its own process and the clients in a separate load-generator process, all on 127.0.0.1; ratios are to ${SERVER_LABELS[BASELINE]} measured in the same run. ` +
      `Socket.IO clients: ${options.client === 'lean' ? "the bench's lean protocol client (--client socket.io-client for the library)" : 'socket.io-client'}.\n`,
  );
  for (const note of options.notes) console.log(`Note: ${note}`);
  if (options.notes.length) console.log('');

  const results: ScenarioResult[] = [];
  const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  for (const name of options.scenarios) {
    const result = await SCENARIOS[name].run(options, log);
    results.push(result);
    console.log(renderScenario(result, options.servers));
  }

  const targets = results.flatMap((r) => r.targets);
  if (targets.length) {
    console.log('## Targets\n');
    for (const t of targets) console.log(`- ${t.met === null ? 'not measured' : t.met ? 'met' : 'MISSED'}: ${t.target} — ${t.measured}`);
    console.log('');
  }
  console.log(`Finished in ${((Date.now() - startedAt) / 1000).toFixed(0)} s. Machine at the end: ${describeMachine()}`);
  if (options.json) {
    writeFileSync(options.json, JSON.stringify({ machine: describeMachine(), options, results }, null, 2));
    console.log(`Results written to ${options.json}`);
  }
  return 0;
}

main().then(
  async (code) => {
    await stopAllChildren();
    process.exit(code);
  },
  async (err: unknown) => {
    console.error(err instanceof Error ? (err.stack ?? err.message) : err);
    await stopAllChildren();
    process.exit(1);
  },
);
