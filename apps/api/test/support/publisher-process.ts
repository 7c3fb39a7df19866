// A publisher process (scripts/publisher-fixture.mjs) run as a child, as a queue worker would run beside the nodes.
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const PUBLISHER = fileURLToPath(new URL('../../scripts/publisher-fixture.mjs', import.meta.url));

export interface PublisherProcess {
  child: ChildProcess;
  /** Resolves once its operation is stored. */
  started: Promise<void>;
  exited: Promise<number | null>;
  output: () => string;
}

export function startPublisher(redisUrl: string, env: Record<string, string>): PublisherProcess {
  let output = '';
  const child = spawn(process.execPath, [PUBLISHER], { env: { ...process.env, REDIS_URL: redisUrl, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
  const started = new Promise<void>((resolve, reject) => {
    const check = () => (output.includes('started') ? resolve() : undefined);
    child.stdout?.on('data', check);
    child.once('exit', (code) => reject(new Error(`publisher exited (${code}) before starting:\n${output}`)));
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, started, exited, output: () => output };
}
