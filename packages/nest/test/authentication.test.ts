import { generateKeyPairSync } from 'node:crypto';
import { signToken } from '@liveprogress/test-support';
import { io } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET, type TestApp, nextEvent, request, startTestApp } from './support/test-app.js';

async function refusal(app: TestApp, token: string | undefined, extra = {}): Promise<{ message: string; code: string }> {
  try {
    const socket = await app.connect(token, extra);
    socket.disconnect();
    throw new Error('the connection was accepted');
  } catch (err) {
    const e = err as Error & { data?: { code: string } };
    return { message: e.message, code: e.data?.code ?? 'none' };
  }
}

describe('socket authentication', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(() => app.close());

  it('accepts a valid token in auth.token', async () => {
    const socket = await app.connect(app.token('u1', 't1'));
    expect(socket.connected).toBe(true);
    socket.disconnect();
  });

  it('accepts an Authorization: Bearer handshake header', async () => {
    const socket = await app.connect(undefined, { extraHeaders: { authorization: `Bearer ${app.token('u1', 't1')}` } });
    expect(socket.connected).toBe(true);
    socket.disconnect();
  });

  it('refuses a connection without a token with TOKEN_MISSING', async () => {
    expect(await refusal(app, undefined)).toEqual({ message: 'unauthorized', code: 'TOKEN_MISSING' });
  });

  it('ignores a token sent only in the query string', async () => {
    expect(await refusal(app, undefined, { query: { token: app.token('u1', 't1') } })).toMatchObject({ code: 'TOKEN_MISSING' });
  });

  it('refuses a badly signed token with TOKEN_INVALID', async () => {
    const forged = signToken({ sub: 'u1', tenantId: 't1' }, { secret: 'another-secret', expiresIn: 60 });
    expect(await refusal(app, forged)).toEqual({ message: 'unauthorized', code: 'TOKEN_INVALID' });
  });

  it('refuses an unsigned alg:none token with TOKEN_INVALID', async () => {
    const unsigned = signToken({ sub: 'u1', tenantId: 't1', exp: Math.floor(Date.now() / 1000) + 60 }, { secret: '', algorithm: 'none', expiresIn: null });
    expect(await refusal(app, unsigned)).toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('refuses a token without sub, without exp, or with non-string roles with TOKEN_INVALID', async () => {
    const noSub = signToken({ tenantId: 't1' }, { secret: SECRET, expiresIn: 60 });
    const noExp = signToken({ sub: 'u1', tenantId: 't1' }, { secret: SECRET, expiresIn: null });
    const badRoles = app.token('u1', 't1', { roles: 'admin' });
    const mixedRoles = app.token('u1', 't1', { roles: ['admin', 3] });
    for (const token of [noSub, noExp, badRoles, mixedRoles]) expect(await refusal(app, token)).toMatchObject({ code: 'TOKEN_INVALID' });
  });

  it('refuses an expired token with TOKEN_EXPIRED', async () => {
    const expired = signToken({ sub: 'u1', tenantId: 't1', exp: Math.floor(Date.now() / 1000) - 60 }, { secret: SECRET, expiresIn: null });
    expect(await refusal(app, expired)).toEqual({ message: 'unauthorized', code: 'TOKEN_EXPIRED' });
  });

  it('refuses a valid token without a tenant with TENANT_MISSING', async () => {
    const noTenant = signToken({ sub: 'u1' }, { secret: SECRET, expiresIn: 60 });
    expect(await refusal(app, noTenant)).toEqual({ message: 'unauthorized', code: 'TENANT_MISSING' });
  });

  it('disconnects a socket when its token expires, after telling it', async () => {
    const socket = await app.connect(app.token('u1', 't1', { expiresIn: 1 }));
    const expired = nextEvent<{ code: string; timestamp: number }>(socket, 'auth.expired', 4000);
    const disconnected = nextEvent<string>(socket, 'disconnect', 4000);
    expect((await expired).code).toBe('TOKEN_EXPIRED');
    expect(await disconnected).toBe('io server disconnect');
  });

  it('keeps a socket whose token was refreshed before expiry', async () => {
    const socket = await app.connect(app.token('u1', 't1', { expiresIn: 1 }));
    expect(await request(socket, 'auth.refresh', { token: app.token('u1', 't1', { expiresIn: 60 }) })).toEqual({ ok: true });
    await new Promise((r) => setTimeout(r, 1600));
    expect(socket.connected).toBe(true);
    expect(await request(socket, 'operations.list', {})).toMatchObject({ ok: true });
    socket.disconnect();
  });

  it('refuses a refresh token for another user or tenant and keeps the old token', async () => {
    const socket = await app.connect(app.token('u1', 't1'));
    expect(await request(socket, 'auth.refresh', { token: app.token('u2', 't1') })).toMatchObject({ ok: false, error: { code: 'TOKEN_INVALID' } });
    expect(await request(socket, 'auth.refresh', { token: app.token('u1', 't2') })).toMatchObject({ ok: false, error: { code: 'TOKEN_INVALID' } });
    const noTenant = signToken({ sub: 'u1' }, { secret: SECRET, expiresIn: 60 });
    expect(await request(socket, 'auth.refresh', { token: noTenant })).toMatchObject({ ok: false, error: { code: 'TENANT_MISSING' } });
    const expired = signToken({ sub: 'u1', tenantId: 't1', exp: Math.floor(Date.now() / 1000) - 60 }, { secret: SECRET, expiresIn: null });
    expect(await request(socket, 'auth.refresh', { token: expired })).toMatchObject({ ok: false, error: { code: 'TOKEN_EXPIRED' } });
    expect(socket.connected).toBe(true);
    socket.disconnect();
  });
});

describe('socket authentication with a public key', () => {
  it('verifies RS256 tokens and refuses HS256 ones signed with the public key as a secret', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const pem = publicKey.export({ type: 'spki', format: 'pem' }).toString();
    const app = await startTestApp({ auth: { publicKey: pem } });
    try {
      const good = signToken({ sub: 'u1', tenantId: 't1' }, { secret: privateKey, algorithm: 'RS256', expiresIn: 60 });
      const socket = await app.connect(good);
      expect(socket.connected).toBe(true);
      socket.disconnect();
      const confused = io(app.url, {
        transports: ['websocket'],
        reconnection: false,
        forceNew: true,
        auth: { token: signToken({ sub: 'u1', tenantId: 't1' }, { secret: 'x', expiresIn: 60 }) },
      });
      const err = await new Promise<Error & { data?: { code: string } }>((resolve) => confused.once('connect_error', resolve));
      expect(err.data?.code).toBe('TOKEN_INVALID');
      confused.disconnect();
    } finally {
      await app.close();
    }
  });
});
