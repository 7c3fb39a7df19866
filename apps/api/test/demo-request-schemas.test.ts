import { parseInbound } from '@liveprogress/protocol/schemas';
import { describe, expect, it } from 'vitest';
import { devTokenRequestSchema } from '../src/auth/dev-token-request.schema.js';
import { demoOperationRequestSchema } from '../src/operations/demo-operation-request.schema.js';

describe('demo API request schemas', () => {
  it('accepts a dev-token body with roles and refuses one without a tenant', () => {
    expect(parseInbound(devTokenRequestSchema, { userId: 'u', tenantId: 't', roles: ['admin'] }).success).toBe(true);
    expect(parseInbound(devTokenRequestSchema, { userId: 'u' }).success).toBe(false);
  });

  it('accepts an example body with simulate and refuses a negative duration, an unknown visibility and too many items', () => {
    expect(
      parseInbound(demoOperationRequestSchema, { name: 'x', visibility: 'tenant', simulate: { durationMs: 500, failAtStage: 'processing' } }).success,
    ).toBe(true);
    expect(parseInbound(demoOperationRequestSchema, { simulate: { durationMs: -1 } }).success).toBe(false);
    expect(parseInbound(demoOperationRequestSchema, { visibility: 'everyone' }).success).toBe(false);
    expect(parseInbound(demoOperationRequestSchema, { items: 1001 }).success).toBe(false);
  });
});
