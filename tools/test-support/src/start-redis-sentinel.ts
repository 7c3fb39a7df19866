import type { ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './free-port.js';
import { redisCli, spawnRedisServer } from './redis-process.js';
import { stopProcess } from './start-api.js';
import { sleep } from './until.js';

export interface RunningSentinelRedis {
  /** `redis+sentinel://127.0.0.1:…,…/lp`: what `REDIS_URL` takes for a Sentinel set-up. */
  url: string;
  masterName: string;
  sentinels: Array<{ host: string; port: number }>;
  /** The port of the primary, as a majority of the Sentinels name it. */
  primaryPort: () => Promise<number>;
  /**
   * Kills the primary (SIGKILL, as a crashed host) and resolves once a majority of the Sentinels
   * name the replica as the new primary, with the time that took.
   */
  failOver: () => Promise<{ from: number; to: number; tookMs: number }>;
  stop: () => Promise<void>;
}

const MASTER_NAME = 'lp';
/** How long a Sentinel waits before it calls the primary down: short, so a test's failover takes seconds. */
const DOWN_AFTER_MS = 1000;
/**
 * A Sentinel that took part in a failover attempt that came to nothing (no leader elected, the
 * replica slow to answer: both happen on a loaded 2-core machine) tries again only after twice
 * this. At 10 s a failover took 22.5 s once under the full suite's load, longer than the drill's
 * operations ran; at 3 s a failed attempt costs 6 s.
 */
const FAILOVER_TIMEOUT_MS = 3000;

/**
 * A Redis primary, one replica and three Sentinels (quorum 2), all Debian's redis-server on free
 * loopback ports in one temporary directory, persistence off. Resolves once the replica is in sync
 * and every Sentinel knows the replica and the other two, so a failover can be authorised.
 */
export async function startRedisSentinel(): Promise<RunningSentinelRedis> {
  const dir = mkdtempSync(join(tmpdir(), 'lp-sentinel-'));
  const children = new Map<number, ChildProcess>();
  const stop = async () => {
    await Promise.all([...children.values()].map((child) => stopProcess(child)));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const [primary, replica] = [await freePort(), await freePort()];
    for (const [port, extra] of [
      [primary, []],
      [replica, ['--replicaof', '127.0.0.1', String(primary)]],
    ] as const) {
      const home = join(dir, String(port));
      mkdirSync(home);
      const args = ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', home, ...extra];
      children.set(port, await spawnRedisServer(port, args));
    }
    await poll(async () => (await redisCli(replica, 'INFO', 'replication')).includes('master_link_status:up'), 'the replica in sync');

    const sentinelPorts = [await freePort(), await freePort(), await freePort()];
    for (const port of sentinelPorts) {
      const conf = join(dir, `sentinel-${port}.conf`);
      // Sentinel rewrites its own configuration file, so each gets one it may write.
      writeFileSync(
        conf,
        [
          `port ${port}`,
          'bind 127.0.0.1',
          `dir ${dir}`,
          `sentinel monitor ${MASTER_NAME} 127.0.0.1 ${primary} 2`,
          `sentinel down-after-milliseconds ${MASTER_NAME} ${DOWN_AFTER_MS}`,
          `sentinel failover-timeout ${MASTER_NAME} ${FAILOVER_TIMEOUT_MS}`,
          `sentinel parallel-syncs ${MASTER_NAME} 1`,
          '',
        ].join('\n'),
      );
      children.set(port, await spawnRedisServer(port, [conf, '--sentinel']));
    }
    await poll(async () => {
      for (const port of sentinelPorts) {
        if (!(await redisCli(port, 'SENTINEL', 'ckquorum', MASTER_NAME)).startsWith('OK 3 usable')) return false;
        if (!(await redisCli(port, 'SENTINEL', 'replicas', MASTER_NAME)).includes(String(replica))) return false;
      }
      return true;
    }, 'three Sentinels that know the replica and each other');

    const primaryPort = async (): Promise<number> => {
      const named = await Promise.all(
        sentinelPorts.map(async (port) => Number((await redisCli(port, 'SENTINEL', 'get-master-addr-by-name', MASTER_NAME)).split('\n')[1])),
      );
      const counts = new Map<number, number>();
      for (const port of named) counts.set(port, (counts.get(port) ?? 0) + 1);
      const [port] = [...counts].find(([, n]) => n >= 2) ?? [Number.NaN];
      return port;
    };

    return {
      url: `redis+sentinel://${sentinelPorts.map((p) => `127.0.0.1:${p}`).join(',')}/${MASTER_NAME}`,
      masterName: MASTER_NAME,
      sentinels: sentinelPorts.map((port) => ({ host: '127.0.0.1', port })),
      primaryPort,
      failOver: async () => {
        const from = await primaryPort();
        const started = Date.now();
        children.get(from)?.kill('SIGKILL');
        let to = from;
        while (to === from || Number.isNaN(to)) {
          if (Date.now() - started > 30_000) throw new Error('the Sentinels did not fail the primary over within 30 s');
          await sleep(50);
          to = await primaryPort();
        }
        return { from, to, tookMs: Date.now() - started };
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

/** Polls `check` every 200 ms (each poll runs redis-cli) until it holds; fails naming `what` after 20 s. */
async function poll(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out after 20 s waiting for ${what}`);
    await sleep(200);
  }
}
