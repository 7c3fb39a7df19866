// `npm run size` as a test: the typical import carries none of the opt-in entries (devtools,
// TanStack Query and SWR invalidation) and no validator library (docs/typed-operations.md).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../../scripts/bundle-size.mjs', import.meta.url));

describe('the browser bundle', () => {
  it('keeps the devtools, the query and SWR entries and every validator library out of the typical import', () => {
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8', timeout: 120_000 });
    console.log(run.stdout);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/\| a typical app .*\| [\d.]+ kB \| [\d.]+ kB \|/);
    expect(run.stdout).not.toContain('✗');
    expect(run.stdout.match(/✓/g)?.length).toBe(4);
    expect(run.status).toBe(0);
  });
});
