// Runs a command to its end and keeps what it printed, so a failed step can show why.
import { spawn } from 'node:child_process';

/**
 * The environment of a command run in the temp apps: without the npm_* and pnpm variables the
 * surrounding `npm test` / `pnpm run` set, which would otherwise steer the npm inside (its prefix,
 * its lockfile, its package) towards the monorepo. npm's own config files still apply.
 */
export function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_)/i.test(key) || key === 'INIT_CWD' || key === 'NODE_OPTIONS') continue;
    env[key] = value;
  }
  return { ...env, ...extra };
}

/**
 * Runs `command args` in `cwd`; resolves with its output, rejects (with the output's tail) when it
 * exits non-zero or outlives `timeoutMs`.
 */
export function runCommand(command, args, { cwd, env = cleanEnv(), timeoutMs = 300_000 } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(output);
      else {
        const why = signal ? `was killed (${signal}${signal === 'SIGKILL' ? `, over ${timeoutMs} ms` : ''})` : `exited ${code}`;
        reject(new Error(`${command} ${args.join(' ')} (in ${cwd}) ${why}:\n${output.slice(-4000)}`));
      }
    });
  });
}
