import { startTestServer, type TestServer } from '@liveprogress/test-support/server';
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const DOCS = fileURLToPath(new URL('../../../../docs/client.md', import.meta.url));

/** An example of docs/client.md, exactly as printed there after its `<!-- example:name -->` marker. */
function example(name: string): string {
  const match = new RegExp(`<!-- example:${name} -->\\s*\`\`\`js\\n([\\s\\S]*?)\`\`\``).exec(readFileSync(DOCS, 'utf8'));
  if (!match?.[1]) throw new Error(`docs/client.md lost its <!-- example:${name} --> block`);
  return match[1];
}

/** Runs an example in its own Node process; it must exit on its own (nothing left open) within the timeout. */
function run(code: string, env: Record<string, string> = {}): Promise<string> {
  // --eval from the package directory resolves '@liveprogress/client' to this package's build.
  return new Promise<string>((resolve, reject) => {
    execFile(
      process.execPath,
      ['--input-type=module', '--eval', code],
      { cwd: PACKAGE_DIR, env: { ...process.env, LIVEPROGRESS_URL: api.url, ...env }, timeout: 20_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    );
  });
}

let api: TestServer;
beforeAll(async () => {
  api = await startTestServer();
}, 30_000);
afterAll(() => api.stop());

describe('docs/client.md', () => {
  it('runs its Node example against a LiveProgress server to completion and exits on its own', async () => {
    const output = await run(example('node'));
    expect(output).toContain('connection: connected');
    expect(output).toMatch(/#\d+ progress\.updated/);
    expect(output).toMatch(/progress\.completed 100%/);
    expect(output).toContain('finished: completed');
  }, 30_000);

  it('runs its command-line example over SSE, printing every event, and exits on its own', async () => {
    const output = await run(example('transports'), { LIVEPROGRESS_TRANSPORT: 'sse' });
    expect(output).toContain('connection: connected over sse');
    const seqs = [...output.matchAll(/#(\d+) progress\./g)].map((match) => Number(match[1]));
    expect(seqs.length).toBeGreaterThan(3);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    const final = /finished: completed at 100% \(seq (\d+)\)/.exec(output);
    expect(Number(final?.[1])).toBe(seqs.at(-1));
    expect(output).toContain('connection: disconnected over sse');
  }, 30_000);

  it('runs its command-line example over polling to the same final state, with no events, and exits on its own', async () => {
    const output = await run(example('transports'), { LIVEPROGRESS_TRANSPORT: 'polling' });
    expect(output).toContain('connection: connected over polling');
    expect(output).not.toMatch(/#\d+ progress\./);
    expect(output).toMatch(/finished: completed at 100% \(seq \d+\)/);
  }, 30_000);
});
