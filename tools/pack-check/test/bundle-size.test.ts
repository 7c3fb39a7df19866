// `npm run size` as a test: the typical import carries none of the opt-in entries (devtools,
// TanStack Query and SWR invalidation, the SSE/polling fallback) and no validator library
// (docs/typed-operations.md), and stays within its min+gz bounds (10 kB of our own code, 25 kB
// with socket.io-client and date-fns).
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../../scripts/bundle-size.mjs', import.meta.url));

let run: SpawnSyncReturns<string>;
beforeAll(() => {
  run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 120_000 });
  console.log(run.stdout);
}, 130_000);

describe('the browser bundle', () => {
  it('keeps the devtools, the query, SWR and fallback entries and every validator library out of the typical import', () => {
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/\| a typical app .*\| [\d.]+ kB \| [\d.]+ kB \|/);
    const keptOut = run.stdout.split('\n').filter((line) => /^[✓✗] .*: (not in|IN) the typical app's bundle/.test(line));
    expect(keptOut).toHaveLength(5);
    expect(keptOut.filter((line) => line.startsWith('✓ '))).toHaveLength(5);
  });

  it('keeps the typical import within 10 kB of our own code and 25 kB with socket.io-client and date-fns, and says so in its exit code', () => {
    const bounds = run.stdout.split('\n').filter((line) => / kB min\+gz \(bound \d+ kB\)$/.test(line));
    expect(bounds).toEqual([
      expect.stringMatching(/^✓ our own code in the typical app's bundle: [\d.]+ kB/),
      expect.stringMatching(/^✓ the typical app's bundle with socket.io-client and date-fns: [\d.]+ kB/),
    ]);
    expect(run.stdout).not.toContain('✗');
    expect(run.status).toBe(0);
  });
});
