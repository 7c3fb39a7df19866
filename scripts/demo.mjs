#!/usr/bin/env node
// Starts the demo: the API (in-memory mode) and, once it is built, the web app (production
// build, `next start`), then prints the address to open. Ctrl+C stops both.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const apiPort = process.env.API_PORT ?? '3001';
const webPort = process.env.WEB_PORT ?? '3000';
const host = process.env.HOST ?? '127.0.0.1';
const apiUrl = `http://${host}:${apiPort}`;
const webUrl = `http://${host}:${webPort}`;
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

/** Resolves once `url` answers (any status), or false after `ms`. */
async function answers(url, ms = 30_000) {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline && !stopping) {
    try {
      await fetch(url);
      return true;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  return false;
}

start('api', process.execPath, [join(root, 'apps/api/dist/main.js')], { PORT: apiPort, HOST: host });

const webDir = join(root, 'apps/web');
const webBuilt = existsSync(join(webDir, '.next', 'BUILD_ID'));
if (webBuilt) {
  // The web app reads API_URL per request, so the same build works with any API port.
  start(
    'web',
    process.execPath,
    [join(webDir, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-p', webPort, '-H', host],
    {
      API_URL: apiUrl,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
    },
    webDir,
  );
}

const apiUp = await answers(`${apiUrl}/api/health`);
const webUp = webBuilt && (await answers(`${webUrl}/sign-in`));
if (stopping) process.exit(0);
console.log('');
console.log(`  LiveProgress demo API   ${apiUrl}${apiUp ? '' : '  (not answering yet)'}`);
if (webUp) {
  console.log(`  LiveProgress demo app   ${webUrl}`);
  console.log('');
  console.log(`  Open ${webUrl} and sign in as any user and tenant. Ctrl+C stops both.`);
} else if (webBuilt) {
  console.log(`  The web app did not answer on ${webUrl}; see its output above.`);
} else {
  console.log('  The web app is not built: run `npx turbo run build --filter=@liveprogress/web...`, then this again.');
}
console.log('');
