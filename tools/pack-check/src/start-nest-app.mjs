// Runs the built fresh Nest app on a free 127.0.0.1 port (it listens on port 0 and prints its address).
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { cleanEnv } from './run-command.mjs';

/** Resolves with `{ url, output, stop }` once the app prints that it listens. */
export function startNestApp(dir, { jwtSecret, webOrigin, timeoutMs = 30_000 }) {
  const child = spawn(process.execPath, [join(dir, 'dist', 'main.js')], {
    cwd: dir,
    env: cleanEnv({ PORT: '0', JWT_SECRET: jwtSecret, WEB_ORIGIN: webOrigin, NODE_ENV: 'production' }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const state = { output: '' };
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      // enableShutdownHooks closes the sockets; a process that does not go in 5 s is killed.
      const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
  };
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the fresh Nest app did not listen within ${timeoutMs} ms:\n${state.output}`));
    }, timeoutMs);
    const onData = (chunk) => {
      state.output += chunk;
      const match = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(state.output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          stop,
          get output() {
            return state.output;
          },
        });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the fresh Nest app exited (${code}) before it listened:\n${state.output}`));
    });
  });
}
