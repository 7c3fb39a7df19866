// The Redis child: runs redis-server for the cross-node scenario and kills it when this
// process ends for any reason (so no redis-server outlives a run, even a killed one).
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { serveRpc } from '../process/rpc.js';
import { sleep } from '../shared/clock.js';
import type { RedisApi } from './redis-api.js';
import { parseCounters, readInfo } from './redis-info.js';

let redis: ChildProcess | undefined;
let redisPort = 0;
/** INFO readings taken so far and the bytes of their replies (see parseCounters). */
let readings = 0;
let replyBytes = 0;
process.on('exit', () => redis?.kill('SIGKILL'));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function ping(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.setTimeout(500, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
  });
}

/** utime + stime of a process from /proc, in milliseconds (clock ticks of 10 ms on Linux). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

serveRpc<RedisApi>({
  start: async () => {
    const port = await freePort();
    let log = '';
    redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    redis.stdout?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    redis.stderr?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    const deadline = Date.now() + 10_000;
    while (!(await ping(port))) {
      if (redis.exitCode !== null || Date.now() > deadline) throw new Error(`redis-server did not start:\n${log.slice(-2000)}`);
      await sleep(50);
    }
    redisPort = port;
    return { url: `redis://127.0.0.1:${port}` };
  },
  cpu: async () => ({ cpuMs: redis?.pid ? processCpuMs(redis.pid) : 0 }),
  counters: async () => {
    const info = await readInfo(redisPort);
    const counters = parseCounters(info, readings, replyBytes);
    readings++;
    // The reply as Redis counted it: the bulk header, the text, the trailing CRLF.
    const length = Buffer.byteLength(info);
    replyBytes += `$${length}\r\n`.length + length + 2;
    return counters;
  },
  close: async () => {
    redis?.kill('SIGTERM');
    setTimeout(() => process.exit(0), 100).unref();
  },
});
