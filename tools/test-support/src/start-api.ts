import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { freePort } from './free-port.js';
import { TEST_JWT_SECRET } from './tokens.js';

/**
 * The built demo API; tests run after `turbo run build`, so it is there. Resolved on use,
 * not at import: in jsdom test files Vite rewrites `new URL(…, import.meta.url)` into a
 * web URL, and importing a fixture from this package must not fail there.
 */
const apiMain = () => fileURLToPath(new URL('../../../apps/api/dist/main.js', import.meta.url));

export interface RunningApi {
  url: string;
  port: number;
  process: ChildProcess;
  /** Everything the API printed, for failure messages. */
  output: () => string;
  stop: () => Promise<void>;
}

/** Starts `apps/api` as its own process on a free loopback port and waits until it answers. */
export async function startApi(env: Record<string, string> = {}): Promise<RunningApi> {
  const API_MAIN = apiMain();
  if (!existsSync(API_MAIN)) throw new Error(`${API_MAIN} is missing: build the demo API first (turbo run build)`);
  const port = await freePort();
  let log = '';
  const child = spawn(process.execPath, [API_MAIN], {
    env: { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', PORT: String(port), JWT_SECRET: TEST_JWT_SECRET, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  // Generous: test files start several APIs at once on a loaded two-core machine; a healthy one answers in about a second.
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the demo API exited with ${child.exitCode}:\n${log}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`the demo API did not answer within 60 s:\n${log}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    process: child,
    output: () => log,
    stop: () => stopProcess(child),
  };
}

export function stopProcess(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/** Asks the demo API for a token, as a user of the demo would. */
export async function devToken(apiUrl: string, body: { userId: string; tenantId: string; roles?: string[] }): Promise<string> {
  const res = await fetch(`${apiUrl}/api/auth/dev-token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`dev-token answered ${res.status}: ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}
