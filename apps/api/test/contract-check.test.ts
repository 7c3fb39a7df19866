import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type RunningApi, TEST_JWT_SECRET, startApi } from '@liveprogress/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SCRIPT = fileURLToPath(new URL('../scripts/contract-check.mjs', import.meta.url));

/** Runs the independent client as its own process, as a third party would. */
function runContractCheck(env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [SCRIPT], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 45_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const REQUIRED_CHECKS = [
  'POST /api/my-operations answers 201',
  'operation.subscribe acks { ok: true',
  'seq starts at 1 and rises by one per event with no gap',
  'exactly one terminal event',
  'nothing follows the terminal event',
  'a token of another tenant gets NOT_FOUND on operation.subscribe',
];

describe('scripts/contract-check.mjs, an independent client written from the contract alone', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.stop());

  it('passes every check against the demo API and exits 0', async () => {
    const run = await runContractCheck({ API_URL: api.url, JWT_SECRET: TEST_JWT_SECRET });
    expect(run.stdout).not.toContain('FAIL');
    for (const name of REQUIRED_CHECKS) expect(run.stdout).toMatch(new RegExp(`^PASS  ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'm'));
    const summary = /^(\d+) of (\d+) checks passed$/m.exec(run.stdout);
    expect(summary?.[1]).toBe(summary?.[2]);
    expect(Number(summary?.[2])).toBeGreaterThanOrEqual(REQUIRED_CHECKS.length);
    expect(run.code, run.stdout + run.stderr).toBe(0);
  });

  it('exits non-zero and prints the failed check when its tokens are signed with the wrong secret', async () => {
    const run = await runContractCheck({ API_URL: api.url, JWT_SECRET: 'not-the-api-secret-0123456789abcdef' });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^FAIL {2}a self-signed token of the API secret connects/m);
    expect(run.stdout).toContain('TOKEN_INVALID');
  });

  it('exits 2 with usage when API_URL or JWT_SECRET is missing', async () => {
    const run = await runContractCheck({ API_URL: api.url });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('usage:');
  });
});
