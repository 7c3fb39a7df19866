import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const coreDist = fileURLToPath(new URL('../../../packages/core/dist', import.meta.url));

function ab(args: string[]) {
  return spawnSync(process.execPath, ['dist/core-ab.js', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
}

describe('the core A/B run', () => {
  it('drives every update of both builds through the event path into the store, and prints both sides and their ratio', () => {
    const run = ab(['--a', coreDist, '--b', coreDist, '--operations', '40', '--rounds', '4']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const rows = [...run.stdout.matchAll(/^\| (\S+) \| ([\d.]+) \| ([\d.]+) \| ([\d.]+) \| (\d+) \|$/gm)];
    expect(rows).toHaveLength(2);
    for (const [, dir, min, p25, median, stored] of rows) {
      expect(dir).toBe(coreDist);
      // Two halves (each side set up first once) of 40 operations × (4 warm-up + 2 measured rounds): each update its own event.
      expect(Number(stored)).toBe(480);
      expect(Number(min)).toBeGreaterThan(0);
      expect(Number(min)).toBeLessThanOrEqual(Number(p25));
      expect(Number(p25)).toBeLessThanOrEqual(Number(median));
    }
    expect(run.stdout).toMatch(/^b ÷ a: \d+\.\d{3} at p25, \d+\.\d{3} at the median$/m);
    expect(run.stdout).not.toMatch(/some were coalesced/);
  });

  it('refuses a directory without a build, and bad numbers, with the usage', () => {
    const missing = ab(['--a', '/nonexistent-core-build', '--b', coreDist]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/no build in \/nonexistent-core-build: build packages\/core/);
    expect(missing.stderr).toMatch(/--save-baseline/);
    const bad = ab(['--a', coreDist, '--b', coreDist, '--rounds', 'many']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/--operations and --rounds take positive whole numbers/);
  });
});
