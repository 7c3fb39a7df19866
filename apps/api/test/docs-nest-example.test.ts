import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, signToken, stopProcess } from '@liveprogress/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClient, follow } from './support/demo-client.js';

const API_DIR = fileURLToPath(new URL('..', import.meta.url));
const DOCS = fileURLToPath(new URL('../../../docs/nest.md', import.meta.url));
const TSC = join(API_DIR, 'node_modules', '.bin', 'tsc');
const SECRET = 'docs-example-secret-0123456789abcdefghij';

/** The runnable example of docs/nest.md, exactly as printed there. */
function nestExample(): string {
  const match = /<!-- example:nest -->\s*```ts\n([\s\S]*?)```/.exec(readFileSync(DOCS, 'utf8'));
  if (!match?.[1]) throw new Error('docs/nest.md lost its <!-- example:nest --> block');
  return match[1];
}

describe('the runnable example of docs/nest.md', () => {
  // Inside apps/api, so the example resolves @liveprogress/nest and Nest as a user's app would.
  const dir = mkdtempSync(join(API_DIR, '.docs-example-'));
  let app: ChildProcess | undefined;
  let url = '';
  let output = '';

  beforeAll(async () => {
    writeFileSync(join(dir, 'main.ts'), nestExample());
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          skipLibCheck: true,
          experimentalDecorators: true,
          emitDecoratorMetadata: true,
          outDir: 'dist',
          rootDir: '.',
          types: ['node'],
        },
        include: ['main.ts'],
      }),
    );
    await new Promise<void>((resolve, reject) =>
      execFile(TSC, ['-p', join(dir, 'tsconfig.json')], { cwd: dir }, (error, stdout, stderr) =>
        error ? reject(new Error(`the example does not compile:\n${stdout}${stderr}`)) : resolve(),
      ),
    );
    const port = await freePort();
    app = spawn(process.execPath, [join(dir, 'dist', 'main.js')], {
      cwd: dir,
      env: { PATH: process.env.PATH ?? '', PORT: String(port), JWT_SECRET: SECRET },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    app.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    app.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 20_000;
    while (!/listening on http:\/\/127\.0\.0\.1:\d+/.test(output)) {
      if (app.exitCode !== null || Date.now() > deadline) throw new Error(`the example did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 50));
    }
    url = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    if (app) await stopProcess(app);
    rmSync(dir, { recursive: true, force: true });
  });

  it('compiles, starts, and runs an OperationsService import through its stages to completion', async () => {
    const token = signToken({ sub: 'ada', tenantId: 'acme' }, { secret: SECRET });
    const client = await LiveClient.connect({ url }, token);
    const res = await fetch(`${url}/api/imports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ rows: 400 }),
    });
    expect(res.status).toBe(201);
    const { operationId } = (await res.json()) as { operationId: string };
    const run = await follow(client, operationId);
    expect(run.ack.snapshot).toMatchObject({ operationType: 'data_import', ownerId: 'ada', name: 'Import of 400 rows' });
    expect(run.events.map((e) => e.seq)).toEqual(run.events.map((_, i) => i + 1));
    expect(run.terminal).toMatchObject({ event: 'progress.completed', result: { imported: 400 } });
    client.close();
  });

  it('stops the import when it is cancelled and ends it as cancelled, answering the cancel at once', async () => {
    const token = signToken({ sub: 'ada', tenantId: 'acme' }, { secret: SECRET });
    const client = await LiveClient.connect({ url }, token);
    const res = await fetch(`${url}/api/imports`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ rows: 400 }),
    });
    const { operationId } = (await res.json()) as { operationId: string };
    expect((await client.request('operation.subscribe', { operationId })).ok).toBe(true);
    const asked = Date.now();
    const cancel = await fetch(`${url}/api/v1/operations/${operationId}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    expect(cancel.status).toBe(200);
    expect(Date.now() - asked).toBeLessThan(2000);
    const run = await follow(client, operationId);
    expect(run.terminal).toMatchObject({ event: 'progress.failed', status: 'cancelled', error: { code: 'CANCELLED' } });
    expect(run.afterTerminal).toEqual([]);
    client.close();
  });

  it('runs the guide-style WebSocketService endpoint, owned by the requesting user, and hides it from another tenant', async () => {
    const token = signToken({ sub: 'grace', tenantId: 'acme' }, { secret: SECRET });
    const client = await LiveClient.connect({ url }, token);
    const res = await fetch(`${url}/api/my-operations`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
    const { data } = (await res.json()) as { data: { operationId: string } };
    const run = await follow(client, data.operationId);
    expect(run.ack.snapshot.ownerId).toBe('grace');
    expect(run.terminal).toMatchObject({ event: 'progress.completed', operationType: 'my_operation', result: { done: true } });

    const stranger = await LiveClient.connect({ url }, signToken({ sub: 'grace', tenantId: 'elsewhere' }, { secret: SECRET }));
    expect(await stranger.request('operation.subscribe', { operationId: data.operationId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    stranger.close();
    client.close();
  });
});
