import { signToken } from '@liveprogress/test-support';
import { describe, expect, it } from 'vitest';
import { decodeJwtExpiry } from '../src/index.js';

function unsigned(claims: object): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'HS256', typ: 'JWT' })}.${encode(claims)}.signature`;
}

describe('decodeJwtExpiry', () => {
  it('reads exp from a real signed token as epoch milliseconds', () => {
    const before = Math.floor(Date.now() / 1000);
    const expiry = decodeJwtExpiry(signToken({ sub: 'u1', tenantId: 't1' }, { expiresIn: 120 }));
    expect(expiry).not.toBeNull();
    expect(expiry! / 1000 - before).toBeGreaterThanOrEqual(119);
    expect(expiry! / 1000 - before).toBeLessThanOrEqual(121);
  });

  it('decodes base64url payloads that use - and _ and carry non-ASCII claims', () => {
    // '?>?' and 'ÿ' produce '+' and '/' in plain base64, '-' and '_' in base64url.
    const token = unsigned({ exp: 1_900_000_000, name: 'Zoë ÿ?>?>', sub: '~~~' });
    expect(token.split('.')[1]).toMatch(/[-_]/);
    expect(decodeJwtExpiry(token)).toBe(1_900_000_000_000);
  });

  it('answers null for a token without exp, a non-numeric exp, or garbage', () => {
    expect(decodeJwtExpiry(signToken({ sub: 'u1' }, { expiresIn: null }))).toBeNull();
    expect(decodeJwtExpiry(unsigned({ exp: 'soon' }))).toBeNull();
    expect(decodeJwtExpiry('not-a-jwt')).toBeNull();
    expect(decodeJwtExpiry('a.%%%.c')).toBeNull();
    expect(decodeJwtExpiry('')).toBeNull();
  });
});
