import { request as httpRequest } from 'node:http';
import { type RunningApi, sleep, startApi } from '@liveprogress/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Snapshot, follow, freshUser, getJson, postJson, signIn, type Started, stagesOf } from './support/demo-client.js';

const MB = 1024 * 1024;

/** A multipart body of these files, as a browser's FormData would send it. */
async function multipart(files: Array<{ name: string; bytes: Buffer }>): Promise<{ body: Buffer; type: string }> {
  const form = new FormData();
  for (const file of files) form.append('file', new Blob([file.bytes]), file.name);
  const encoded = new Request('http://127.0.0.1/', { method: 'POST', body: form });
  return { body: Buffer.from(await encoded.arrayBuffer()), type: encoded.headers.get('content-type') ?? '' };
}

/** Sends a body slowly, `chunk` bytes every `everyMs`, like a slow connection; resolves with the answer. */
function sendSlowly(api: RunningApi, path: string, token: string, body: Buffer, type: string, chunk: number, everyMs: number) {
  return new Promise<{ status: number; body: Record<string, unknown> }>((resolve, reject) => {
    const req = httpRequest(`${api.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type, 'content-length': body.length },
    });
    req.on('response', (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}') as Record<string, unknown> }));
    });
    req.on('error', reject);
    void (async () => {
      for (let at = 0; at < body.length; at += chunk) {
        req.write(body.subarray(at, at + chunk));
        await sleep(everyMs);
      }
      req.end();
    })();
  });
}

const announce = (api: RunningApi, token: string, body: Record<string, unknown>) =>
  postJson<Started & { error?: { code: string; message: string } }>(api, '/api/files/uploads', body, token);

describe('the upload as one operation: announced, then its bytes (docs/protocol.md, The demo API)', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.stop());

  it('follows the bytes in the receiving stage as they arrive, then runs the other stages to completion', async () => {
    const user = await signIn(api);
    const files = [
      { name: 'a.bin', bytes: Buffer.alloc(600_000, 1) },
      { name: 'b.bin', bytes: Buffer.alloc(400_000, 2) },
    ];
    const started = await announce(api, user.token, {
      files: files.map((f) => ({ name: f.name, size: f.bytes.length })),
      simulate: { durationMs: 600 },
    });
    expect(started.status).toBe(201);
    const id = started.body.data.operationId;
    // The operation exists before a byte is sent: it waits in the receiving stage.
    const { body: waiting } = await getJson<Snapshot>(api, `/api/v1/operations/${id}`, user.token);
    expect(waiting).toMatchObject({ status: 'running', stage: 'receiving', progress: 0 });
    expect(waiting.tasks?.map((t) => t.name)).toEqual(['a.bin', 'b.bin']);
    await user.client.request('operation.subscribe', { operationId: id });

    const { body, type } = await multipart(files);
    const sent = await sendSlowly(api, `/api/files/uploads/${id}/content`, user.token, body, type, 64 * 1024, 60);
    expect(sent.status).toBe(201);
    const run = await follow(user.client, id);
    expect(run.terminal).toMatchObject({ event: 'progress.completed', result: { totalBytes: 1_000_000 } });
    expect(stagesOf(run.events)).toEqual(['receiving', 'scanning', 'processing', 'storing']);
    // Many small steps of real bytes, not a jump from 0 to done.
    const received = run.events
      .filter((e) => e.stage === 'receiving' && typeof e.details?.bytesReceived === 'number')
      .map((e) => e.details!.bytesReceived as number);
    expect(received.length).toBeGreaterThanOrEqual(5);
    for (let i = 1; i < received.length; i++) expect(received[i]).toBeGreaterThanOrEqual(received[i - 1]!);
    expect(received.at(-1)).toBe(1_000_000);
    expect(run.events.some((e) => e.stage === 'receiving' && e.progress > 0 && e.progress < 10)).toBe(true);
    user.client.close();
  });

  it('is cancelled while the bytes travel: the operation ends cancelled and the rest of the content is refused', async () => {
    const user = await signIn(api);
    const bytes = Buffer.alloc(2 * MB, 3);
    const started = await announce(api, user.token, { files: [{ name: 'big.bin', size: bytes.length }], simulate: { durationMs: 500 } });
    const id = started.body.data.operationId;
    await user.client.request('operation.subscribe', { operationId: id });
    const { body, type } = await multipart([{ name: 'big.bin', bytes }]);
    const sending = sendSlowly(api, `/api/files/uploads/${id}/content`, user.token, body, type, 64 * 1024, 50);
    await user.client.waitFor((r) => r.event === 'progress.updated' && r.payload.operationId === id && Number(r.payload.progress) > 0, 5000, 'bytes arriving');
    expect(await user.client.request('operation.cancel', { operationId: id })).toEqual({ ok: true });
    const run = await follow(user.client, id);
    expect(run.terminal).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED', details: { cancelledBy: user.userId } } });
    // Cancelled in the receiving stage, the first tenth of the bar.
    expect(run.terminal.progress).toBeLessThan(10);
    expect((await sending).status).toBe(404);
    user.client.close();
  });

  it('refuses a file over 25 MB before any byte is sent, naming it', async () => {
    const user = await signIn(api);
    const answer = await announce(api, user.token, {
      files: [
        { name: 'ok.txt', size: 10 },
        { name: 'scan.tiff', size: Math.round(28.6 * MB) },
      ],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({ code: 'INVALID_PAYLOAD', message: '"scan.tiff" is 28.6 MB; files may be up to 25 MB each' });
    user.client.close();
  });

  it('names the file that goes over 25 MB in a one-request multipart upload', async () => {
    const user = await signIn(api);
    const { body, type } = await multipart([
      { name: 'small.txt', bytes: Buffer.from('hello') },
      { name: 'huge.bin', bytes: Buffer.alloc(25 * MB + 1, 0) },
    ]);
    const res = await fetch(`${api.url}/api/files/upload`, { method: 'POST', headers: { authorization: `Bearer ${user.token}`, 'content-type': type }, body });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: 'INVALID_PAYLOAD', message: '"huge.bin" is larger than 25 MB; files may be up to 25 MB each' } });
    user.client.close();
  });

  it("answers NOT_FOUND to another user's content, and fails the operation when the files sent are not the ones announced", async () => {
    const tenant = `tenant-${Date.now()}`;
    const owner = await signIn(api, freshUser(tenant));
    const colleague = await signIn(api, freshUser(tenant));
    const id = (await announce(api, owner.token, { files: [{ name: 'a.txt', size: 3 }], visibility: 'tenant' })).body.data.operationId;
    const { body, type } = await multipart([{ name: 'a.txt', bytes: Buffer.from('abc') }]);
    const other = await fetch(`${api.url}/api/files/uploads/${id}/content`, {
      method: 'POST',
      headers: { authorization: `Bearer ${colleague.token}`, 'content-type': type },
      body,
    });
    expect(other.status).toBe(404);

    const wrong = await multipart([{ name: 'b.txt', bytes: Buffer.from('abcd') }]);
    const res = await fetch(`${api.url}/api/files/uploads/${id}/content`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': wrong.type },
      body: wrong.body,
    });
    expect(res.status).toBe(400);
    const run = await follow(owner.client, id);
    expect(run.terminal).toMatchObject({ status: 'failed', error: { message: expect.stringContaining('not the ones announced') } });
    owner.client.close();
    colleague.client.close();
  });
});
