import { type RunningApi, devToken, startApi } from '@liveprogress/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { follow, freshUser, postJson, signIn, startOperation } from './support/demo-client.js';

const ENDPOINTS = ['/api/my-operations', '/api/files/upload', '/api/data/import', '/api/batch/process'];

/** A stage of one endpoint that is no stage of another. */
const FOREIGN_STAGE: Record<string, string> = {
  '/api/my-operations': 'indexing',
  '/api/files/upload': 'initialization',
  '/api/data/import': 'receiving',
  '/api/batch/process': 'validation',
};

const BAD_BODIES: Array<[what: string, body: unknown]> = [
  ['an unknown field', { colour: 'blue' }],
  ['an unknown simulate field', { simulate: { durationMs: 100, speed: 'fast' } }],
  ['a string durationMs', { simulate: { durationMs: 'fast' } }],
  ['a negative durationMs', { simulate: { durationMs: -5 } }],
  ['a visibility that does not exist', { visibility: 'public' }],
  ['a numeric name', { name: 42 }],
  ['an empty failAtStage', { simulate: { failAtStage: '' } }],
  ['simulate as a string', { simulate: 'fast' }],
  ['an array body', [1, 2, 3]],
];

const expectInvalid = (answer: { status: number; body: unknown }) =>
  expect(answer).toMatchObject({ status: 400, body: { error: { code: 'INVALID_PAYLOAD', message: expect.any(String) } } });

describe('invalid requests to the demo API', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.stop());

  it.each(ENDPOINTS)('%s answers 400 INVALID_PAYLOAD to a failAtStage that is not one of its stages', async (path) => {
    const { token } = await signIn(api);
    const answer = await postJson(api, path, { simulate: { durationMs: 100, failAtStage: FOREIGN_STAGE[path] } }, token);
    expectInvalid(answer);
    expect(JSON.stringify(answer.body)).toContain(FOREIGN_STAGE[path]);
  });

  it.each(ENDPOINTS)('%s answers 400 INVALID_PAYLOAD in { error: { code, message } } to unknown fields and bad types', async (path) => {
    const token = await devToken(api.url, freshUser());
    for (const [what, body] of BAD_BODIES) {
      const answer = await postJson(api, path, body, token);
      expect(answer.status, what).toBe(400);
      expect(answer.body, what).toStrictEqual({ error: { code: 'INVALID_PAYLOAD', message: expect.any(String) } });
    }
  });

  it('answers 400 INVALID_PAYLOAD to a batch of 0 or 1001 items or items given as text', async () => {
    const token = await devToken(api.url, freshUser());
    for (const items of [0, 1001, '5', 2.5]) expectInvalid(await postJson(api, '/api/batch/process', { items }, token));
  });

  it('starts no operation for a refused request', async () => {
    const user = await signIn(api);
    expectInvalid(await postJson(api, '/api/data/import', { simulate: { failAtStage: 'nope' } }, user.token));
    expect(await user.client.request('operations.list', {})).toMatchObject({ ok: true, operations: [] });
    user.client.close();
  });

  it('refuses a body of another content type instead of dropping it', async () => {
    const token = await devToken(api.url, freshUser());
    for (const path of ENDPOINTS) {
      const answer = await fetch(`${api.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', authorization: `Bearer ${token}` },
        body: JSON.stringify({ simulate: { durationMs: 100 }, colour: 'red' }),
      });
      expect(answer.status, path).toBe(400);
      expect(await answer.json()).toMatchObject({ error: { code: 'INVALID_PAYLOAD', message: expect.stringContaining('application/json') } });
    }
  });

  it('takes items only on the batch endpoint and destination only on the upload', async () => {
    const user = await signIn(api);
    for (const [path, body] of [
      ['/api/my-operations', { items: 3 }],
      ['/api/data/import', { destination: 'x/' }],
      ['/api/files/upload', { items: 3 }],
      ['/api/batch/process', { destination: 'x/' }],
    ] as const) {
      const answer = await postJson(api, path, { ...body, simulate: { durationMs: 100 } }, user.token);
      expect(answer.status, path).toBe(400);
    }
    user.client.close();
  });

  it('answers malformed JSON with 400 INVALID_PAYLOAD and stays up to run the next operation', async () => {
    const token = await devToken(api.url, freshUser());
    const deep = `${'{"a":'.repeat(20_000)}1${'}'.repeat(20_000)}`;
    const huge = JSON.stringify({ name: 'x'.repeat(3_000_000) });
    const malformed = ['{bad json', '{"name": "unterminated', 'null', '"just a string"', '{"simulate": {"durationMs": 100,}}', deep, huge];
    for (const path of [...ENDPOINTS, '/api/auth/dev-token']) {
      for (const body of malformed) {
        const answer = await fetch(`${api.url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body,
        });
        expect(answer.status, `${path} ${body.slice(0, 30)}`).toBe(400);
        expect(await answer.json(), `${path} ${body.slice(0, 30)}`).toMatchObject({ error: { code: 'INVALID_PAYLOAD', message: expect.any(String) } });
      }
    }
    // Bytes that are not UTF-8 and a multipart body that ends half-way.
    const raw = await fetch(`${api.url}/api/data/import`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    });
    expect(raw.status).toBe(400);
    const cut = await fetch(`${api.url}/api/files/upload`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=xyz', authorization: `Bearer ${token}` },
      body: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nabc',
    });
    expect(cut.status).toBe(400);

    expect(api.process.exitCode).toBeNull();
    expect((await fetch(`${api.url}/api/health`)).status).toBe(200);
    const user = await signIn(api);
    const id = await startOperation(api, '/api/my-operations', user.token, { simulate: { durationMs: 300 } });
    expect((await follow(user.client, id)).terminal.event).toBe('progress.completed');
    user.client.close();
  });
});
