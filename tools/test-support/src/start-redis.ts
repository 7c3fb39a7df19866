import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { spawnRedisServer } from './redis-process.js';
import { stopProcess } from './start-api.js';

export interface RunningRedis {
  url: string;
  port: number;
  /** The redis-server process id. */
  pid: number;
  /** Freezes the server (SIGSTOP), as a network stall looks to its clients: connections stay open, nothing answers. */
  pause: () => void;
  /** Lets a paused server go on (SIGCONT); it answers what waited. */
  resume: () => void;
  stop: () => Promise<void>;
}

/** Starts Debian's redis-server on a free loopback port, persistence off, in a temporary directory. */
export async function startRedis(): Promise<RunningRedis> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'lp-redis-'));
  const child = await spawnRedisServer(port, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir]);
  const pid = child.pid as number;
  return {
    url: `redis://127.0.0.1:${port}`,
    port,
    pid,
    pause: () => process.kill(pid, 'SIGSTOP'),
    resume: () => process.kill(pid, 'SIGCONT'),
    stop: async () => {
      // A paused server would not act on the stop signal.
      if (child.exitCode === null) process.kill(pid, 'SIGCONT');
      await stopProcess(child);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
