import { type RunningApi, signToken, startApi } from '@liveprogress/test-support';
import jwt from 'jsonwebtoken';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveClient, freshUser, postJson } from './support/demo-client.js';

const ENDPOINTS = ['/api/my-operations', '/api/files/upload', '/api/data/import', '/api/batch/process'];

describe('demo API sign-in (docs/protocol.md, The demo API; Authentication)', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.stop());

  it('issues a token carrying the user, the tenant and the roles asked for', async () => {
    const { status, body } = await postJson<{ token: string }>(api, '/api/auth/dev-token', { userId: 'ada', tenantId: 'acme', roles: ['admin'] });
    expect([200, 201]).toContain(status);
    expect(typeof body.token).toBe('string');
    const claims = jwt.decode(body.token) as jwt.JwtPayload;
    expect(claims).toMatchObject({ sub: 'ada', tenantId: 'acme', roles: ['admin'] });
    expect(claims.exp).toBeGreaterThan(Date.now() / 1000);
  });

  it('answers 400 INVALID_PAYLOAD to a body without a tenant, with a wrong type, or with an unknown field', async () => {
    for (const body of [
      { userId: 'ada' },
      { userId: 42, tenantId: 'acme' },
      { userId: 'ada', tenantId: 'acme', roles: 'admin' },
      { userId: 'ada', tenantId: 'acme', isRoot: true },
      [],
    ]) {
      const answer = await postJson(api, '/api/auth/dev-token', body);
      expect(answer, JSON.stringify(body)).toMatchObject({ status: 400, body: { error: { code: 'INVALID_PAYLOAD', message: expect.any(String) } } });
    }
  });

  it('issues a token the Socket.IO gateway accepts, where a forged one is refused', async () => {
    const { body } = await postJson<{ token: string }>(api, '/api/auth/dev-token', freshUser());
    const client = await LiveClient.connect(api, body.token);
    expect(client.socket.connected).toBe(true);
    expect(await client.request('operations.list', {})).toMatchObject({ ok: true, operations: [] });
    client.close();

    const forged = signToken({ sub: 'ada', tenantId: 'acme' }, { secret: 'not-the-server-secret-0123456789abcdef' });
    const refusal = await LiveClient.connect(api, forged).then(
      () => null,
      (err: Error & { data?: { code?: string } }) => err,
    );
    expect(refusal?.message).toBe('unauthorized');
    expect(refusal?.data?.code).toBe('TOKEN_INVALID');
  });

  it.each(ENDPOINTS)('answers 401 TOKEN_MISSING on %s without a token', async (path) => {
    const answer = await postJson(api, path, { simulate: { durationMs: 100 } });
    expect(answer).toMatchObject({ status: 401, body: { error: { code: 'TOKEN_MISSING', message: expect.any(String) } } });
  });

  it.each(ENDPOINTS)('answers 401 TOKEN_INVALID on %s with a token signed by someone else', async (path) => {
    const forged = signToken({ sub: 'ada', tenantId: 'acme' }, { secret: 'not-the-server-secret-0123456789abcdef' });
    const answer = await postJson(api, path, { simulate: { durationMs: 100 } }, forged);
    expect(answer).toMatchObject({ status: 401, body: { error: { code: 'TOKEN_INVALID' } } });
  });

  it('answers 401 TENANT_MISSING to a valid token that names no tenant', async () => {
    const answer = await postJson(api, '/api/my-operations', {}, signToken({ sub: 'ada' }));
    expect(answer).toMatchObject({ status: 401, body: { error: { code: 'TENANT_MISSING' } } });
  });
});
