import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/web, where the production build (`.next`) lives. */
export const WEB_DIR = fileURLToPath(new URL('../..', import.meta.url));

export interface RunningWeb {
  url: string;
  output: () => string;
  stop: () => Promise<void>;
}

/**
 * Starts the production build with `next start` on a loopback port, pointed at the API
 * through `API_URL` (read per request, so the build need not know the port).
 */
export async function startWeb(port: number, apiUrl: string): Promise<RunningWeb> {
  if (!existsSync(join(WEB_DIR, '.next', 'BUILD_ID'))) {
    throw new Error(`${WEB_DIR}.next has no production build: run \`turbo run build --filter=@liveprogress/web...\` first`);
  }
  const next = join(WEB_DIR, 'node_modules', 'next', 'dist', 'bin', 'next');
  let log = '';
  // Its own process group, so stopping it also stops any worker it forks.
  const child = spawn(process.execPath, [next, 'start', '-p', String(port), '-H', '127.0.0.1'], {
    cwd: WEB_DIR,
    detached: true,
    env: { ...process.env, NODE_ENV: 'production', API_URL: apiUrl, NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = `http://127.0.0.1:${port}`;

  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    };
    kill('SIGTERM');
    const timer = setTimeout(() => kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };

  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}:\n${log}`);
    try {
      const res = await fetch(`${url}/sign-in`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`next start did not answer within 30 s:\n${log}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
  return { url, output: () => log, stop };
}
