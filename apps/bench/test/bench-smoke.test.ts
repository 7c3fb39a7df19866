import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built bench with `args`; `interruptWhen` sends SIGINT once stderr matches it. */
function bench(args: string[], interruptWhen?: RegExp): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['dist/run.js', ...args], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (interruptWhen && !interrupted && interruptWhen.test(stderr)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function startedPids(stderr: string): number[] {
  return [...stderr.matchAll(/started \(pid (\d+)\)/g)].map((m) => Number(m[1]));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function hardFileLimit(): number {
  const out = spawnSync('sh', ['-c', 'ulimit -Hn'], { encoding: 'utf8' }).stdout.trim();
  return out === 'unlimited' ? Number.POSITIVE_INFINITY : Number(out);
}

/** The header of a scenario table: the three servers, then the two ratio columns. */
const TABLE_HEADER = /^\| metric\s+\| LiveProgress \| Socket\.IO \|\s+ws \| LiveProgress ÷ Socket\.IO \| ws ÷ Socket\.IO \|$/m;

describe('pnpm bench', () => {
  beforeAll(() => {
    // The bench runs from dist/, and its children are forked from there too: build what the test runs.
    const build = spawnSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], { cwd: root, encoding: 'utf8' });
    expect(build.status, build.stdout + build.stderr).toBe(0);
  });

  it('prints one table per scenario with the three servers and their ratio to Socket.IO, and stops every process it started', async () => {
    const json = join(mkdtempSync(join(tmpdir(), 'bench-')), 'results.json');
    const run = await bench(['--scenario', 'fan-out,connections', '--duration', '1', '--clients', '5', '--connections', '20', '--rounds', '1', '--json', json]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('## fan-out: 5 clients on one operation');
    expect(run.stdout).toContain('## connections: 20 idle authenticated connections');
    expect(run.stdout.match(new RegExp(TABLE_HEADER, 'gm'))).toHaveLength(2);
    expect(run.stdout).toMatch(/^\| delivered events\/s\s+\|\s+[\d,.]+ \|\s+[\d,.]+ \|\s+[\d,.]+ \|\s+[\d.]+× \|\s+[\d.]+× \|$/m);
    expect(run.stdout).toMatch(/^\| server RSS per connection KB\s+\|/m);

    // Every server ran: no column is missing and no failure was noted.
    const results = JSON.parse(readFileSync(json, 'utf8')) as {
      results: Array<{ name: string; rows: Array<{ metric: string; values: Record<string, number> }>; notes: string[] }>;
    };
    for (const scenario of results.results) {
      expect(
        scenario.notes.filter((n) => n.includes('failed')),
        scenario.name,
      ).toEqual([]);
      for (const row of scenario.rows) expect(Object.keys(row.values).sort(), `${scenario.name}: ${row.metric}`).toEqual(['liveprogress', 'socketio', 'ws']);
    }
    const delivered = results.results[0]!.rows.find((r) => r.metric === 'events received, all clients')!;
    expect(delivered.values.liveprogress).toBeGreaterThan(0);

    const pids = startedPids(run.stderr);
    expect(pids).toHaveLength(12); // a server and a load generator per server per scenario
    expect(pids.filter(isAlive)).toEqual([]);
  });

  it('runs the cross-node scenario on a Redis of its own, or says why it cannot', async () => {
    const run = await bench(['--scenario', 'cross-node', '--duration', '1', '--clients', '3', '--rounds', '1']);
    expect(run.code, run.stderr).toBe(0);
    if (spawnSync('redis-server', ['--version']).status === 0) {
      expect(run.stdout).toMatch(/^\| metric\s+\| LiveProgress \| Socket\.IO \|\s+ws \| LiveProgress ÷ Socket\.IO \| ws ÷ Socket\.IO \|$/m);
      expect(run.stdout).toMatch(/^\| cross-node: latency p99 ms\s+\|\s+[\d.]+ \|\s+[\d.]+ \|\s+– \|\s+[\d.]+× \|/m);
      // Redis's own counters, per event, for both servers; then the three-node phase and what the two-node one predicted for it.
      expect(run.stdout).toMatch(/^\| Redis commands per event\s+\|\s+[\d.]+ \|\s+[\d.]+ \|/m);
      expect(run.stdout).toMatch(/^\| Redis bytes out per event\s+\|\s+[\d,]+ \|\s+[\d,]+ \|/m);
      expect(run.stdout).toMatch(/^\| three nodes: delivered events\/s\s+\|\s+[\d,.]+ \|\s+[\d,.]+ \|/m);
      expect(run.stdout).toMatch(/^\| three nodes: Redis bytes out per event predicted\s+\|\s+[\d,]+ \|\s+[\d,]+ \|/m);
      expect(run.stdout).toMatch(/Socket\.IO, Redis calls per event \(two nodes\): .*xadd 1\.00/);
      // Per server: redis-server, three gateways and a load generator per phase.
      const pids = startedPids(run.stderr);
      expect(pids).toHaveLength(2 * (1 + 3 + 3));
      expect(pids.filter(isAlive)).toEqual([]);
    } else {
      expect(run.stdout).toContain('Skipped: redis-server is not installed');
    }
  });

  it.skipIf(hardFileLimit() < 2000)('spreads the connections over several load generators and runs every child with the hard open-file limit', async () => {
    // The orchestrator gets a soft limit of 1,024; the server must still hold 1,500 sockets, so it has to have been raised.
    const run = await new Promise<Run>((resolve) => {
      const child = spawn(
        'sh',
        [
          '-c',
          'ulimit -Sn 1024 && exec "$0" dist/run.js --scenario connections --connections 1500 --per-loadgen 500 --servers socketio --connect-concurrency 30',
          process.execPath,
        ],
        {
          cwd: root,
          stdio: ['ignore', 'pipe', 'pipe'],
        },
      );
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).not.toContain('open-file limit is');
    expect(run.stdout).toMatch(/^\| connections open\s+\|\s+1,500 \|$/m);
    expect(run.stdout).toMatch(/^\| connections failed\s+\|\s+0 \|$/m);
    expect(run.stdout).toMatch(/^\| connections per GB of server RSS\s+\|\s+[\d,]+ \|$/m);
    expect(run.stdout).toContain('The clients come from 3 load-generator processes');
    const pids = startedPids(run.stderr);
    expect(pids).toHaveLength(4); // the server and three load generators
    expect(pids.filter(isAlive)).toEqual([]);
  });

  it('stops its server and load generator when interrupted with Ctrl+C', async () => {
    const run = await bench(['--scenario', 'fan-out', '--duration', '30', '--clients', '5', '--servers', 'liveprogress'], /load generator started/);
    expect(run.code).toBe(130);
    const pids = startedPids(run.stderr);
    expect(pids.length).toBeGreaterThanOrEqual(2);
    await new Promise((r) => setTimeout(r, 500));
    expect(pids.filter(isAlive)).toEqual([]);
  });

  it('refuses an unknown option with the usage', async () => {
    const run = await bench(['--scenario', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--scenario: unknown nope');
  });
});
