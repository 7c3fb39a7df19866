import { describe, expect, it } from 'vitest';
import { Limits } from '../src/index.js';
import { lastEventIdSchema, listQuerySchema, listRequestSchema, parseInbound, requestSchemas, subscribeRequestSchema } from '../src/schemas.js';

describe('subscribe request schema', () => {
  it('accepts an id with or without a whole afterSeq', () => {
    expect(parseInbound(subscribeRequestSchema, { operationId: 'a' })).toEqual({ success: true, data: { operationId: 'a' } });
    expect(parseInbound(subscribeRequestSchema, { operationId: 'a', afterSeq: 0 })).toMatchObject({ success: true });
  });

  it('refuses ids outside 1–128 characters, bad afterSeq and unknown fields, naming the field', () => {
    const bad = [
      { operationId: '' },
      { operationId: 'x'.repeat(Limits.OPERATION_ID_MAX_LENGTH + 1) },
      { operationId: 'a', afterSeq: -1 },
      { operationId: 'a', afterSeq: 2.5 },
      { operationId: 'a', afterSeq: '3' },
      { operationId: 'a', extra: true },
      'a',
      null,
    ];
    for (const value of bad) expect(parseInbound(subscribeRequestSchema, value).success).toBe(false);
    const result = parseInbound(subscribeRequestSchema, { operationId: 'a', afterSeq: -1 });
    expect(result.success === false && result.message).toMatch(/afterSeq/);
  });
});

describe('list schemas', () => {
  it('bounds the socket list limit to 1–100 and knows the statuses', () => {
    expect(parseInbound(listRequestSchema, { status: 'running', limit: 100 }).success).toBe(true);
    expect(parseInbound(listRequestSchema, { limit: 101 }).success).toBe(false);
    expect(parseInbound(listRequestSchema, { status: 'paused' }).success).toBe(false);
  });

  it('turns the HTTP query limit from text into a number', () => {
    expect(parseInbound(listQuerySchema, { limit: '20', operationType: 'batch_process' })).toEqual({
      success: true,
      data: { limit: 20, operationType: 'batch_process' },
    });
    for (const limit of ['0', '101', '1e2', '-1', 'ten']) expect(parseInbound(listQuerySchema, { limit }).success).toBe(false);
  });
});

describe('other inbound schemas', () => {
  it('reads Last-Event-ID as a whole number', () => {
    expect(parseInbound(lastEventIdSchema, '42')).toEqual({ success: true, data: 42 });
    expect(parseInbound(lastEventIdSchema, '4.2').success).toBe(false);
  });

  it('has a schema for every client request', () => {
    expect(Object.keys(requestSchemas).sort()).toEqual([
      'auth.refresh',
      'operation.cancel',
      'operation.delete',
      'operation.subscribe',
      'operation.unsubscribe',
      'operations.list',
    ]);
  });
});
