import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { childFileLimit } from '../shared/fd-limit.js';
import { type Api, RpcClient } from './rpc.js';

/**
 * Every child the run starts, so that all of them stop at the end, on an error, on
 * Ctrl+C or SIGTERM. Children also exit by themselves when their IPC channel closes,
 * which covers a parent killed with SIGKILL.
 */
const running = new Set<ChildProcess>();

export interface Child<A extends Api> {
  rpc: RpcClient<A>;
  process: ChildProcess;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Forks one of the bench's own entry points (a path relative to `dist/`), with its
 * soft open-file limit raised to the hard one: Node cannot call setrlimit, so the
 * child is started as `sh -c 'ulimit -n <hard>; exec node …'` (exec keeps the pid
 * and the IPC channel). Where the shell cannot raise it, the child keeps the inherited limit.
 */
export async function startChild<A extends Api>(entry: string, name: string, args: string[], execArgv: string[] = []): Promise<Child<A>> {
  const path = fileURLToPath(new URL(`../${entry}`, import.meta.url));
  const limit = childFileLimit();
  const raise = limit !== null && Number.isFinite(limit) && process.platform !== 'win32';
  const child = raise
    ? fork(path, args, {
        execPath: '/bin/sh',
        // sh -c <script> <$0> <$@…>: fork appends the module path and its arguments after execArgv.
        execArgv: ['-c', `ulimit -n ${limit} 2>/dev/null; exec "$0" "$@"`, process.execPath, ...execArgv],
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      })
    : fork(path, args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  running.add(child);
  child.once('exit', () => running.delete(child));
  process.stderr.write(`[bench] ${name} started (pid ${child.pid})\n`);
  const rpc = new RpcClient<A>(child, name);
  const handle: Child<A> = { rpc, process: child, stop: (graceMs) => stopChild(child, graceMs) };
  try {
    await rpc.ready;
  } catch (err) {
    await handle.stop(0);
    throw err;
  }
  return handle;
}

export function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill(graceMs > 0 ? 'SIGTERM' : 'SIGKILL');
  });
}

export async function stopAllChildren(graceMs = 3000): Promise<void> {
  await Promise.all([...running].map((child) => stopChild(child, graceMs)));
}

let installed = false;

/** Makes Ctrl+C, SIGTERM, an uncaught error and a plain exit stop every child first. */
export function stopChildrenOnExit(): void {
  if (installed) return;
  installed = true;
  process.on('exit', () => {
    for (const child of running) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping ${running.size} bench process(es)\n`);
      void stopAllChildren(1000).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
    });
  }
}
