#!/usr/bin/env node
// Starts the demo: the API (in-memory mode) and, once it exists and is built, the web app.
// Ctrl+C stops both.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const apiPort = process.env.API_PORT ?? '3001';
const webPort = process.env.WEB_PORT ?? '3000';
const host = process.env.HOST ?? '127.0.0.1';
const children = [];

function start(name, command, args, env, cwd = root) {
  const child = spawn(command, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} exited (${signal ?? code}); stopping the demo`);
      stop(code ?? 1);
    }
  });
  children.push(child);
}

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

start('api', process.execPath, [join(root, 'apps/api/dist/main.js')], { PORT: apiPort, HOST: host });
console.log(`\nLiveProgress demo API: http://${host}:${apiPort} (try POST /api/auth/dev-token)`);

const webDir = join(root, 'apps/web');
if (existsSync(join(webDir, '.next', 'BUILD_ID'))) {
  const next = join(webDir, 'node_modules', '.bin', 'next');
  start('web', next, ['start', '-p', webPort, '-H', host], { NEXT_PUBLIC_API_URL: `http://${host}:${apiPort}`, NEXT_TELEMETRY_DISABLED: '1' }, webDir);
  console.log(`LiveProgress demo web app: open http://${host}:${webPort}\n`);
}
