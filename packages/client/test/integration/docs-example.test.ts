import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startApi, type RunningApi } from '@liveprogress/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PACKAGE_DIR = fileURLToPath(new URL('../..', import.meta.url));
const DOCS = fileURLToPath(new URL('../../../../docs/client.md', import.meta.url));

/** The Node example of docs/client.md, exactly as printed there. */
function nodeExample(): string {
  const match = /<!-- example:node -->\s*```js\n([\s\S]*?)```/.exec(readFileSync(DOCS, 'utf8'));
  if (!match?.[1]) throw new Error('docs/client.md lost its <!-- example:node --> block');
  return match[1];
}

let api: RunningApi;
beforeAll(async () => {
  api = await startApi();
}, 30_000);
afterAll(() => api.stop());

describe('docs/client.md', () => {
  it('runs its Node example against the demo API to completion and exits on its own', async () => {
    // --eval from the package directory resolves '@liveprogress/client' to this package's build.
    const output = await new Promise<string>((resolve, reject) => {
      execFile(
        process.execPath,
        ['--input-type=module', '--eval', nodeExample()],
        { cwd: PACKAGE_DIR, env: { ...process.env, LIVEPROGRESS_URL: api.url }, timeout: 20_000 },
        (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
      );
    });
    expect(output).toContain('connection: connected');
    expect(output).toMatch(/#\d+ progress\.updated/);
    expect(output).toMatch(/progress\.completed 100%/);
    expect(output).toContain('finished: completed');
  }, 30_000);
});
