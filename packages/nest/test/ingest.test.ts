import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TestApp, startTestApp } from './support/test-app.js';

const PRODUCER_TOKEN = 'producer-token-for-ingest-tests-0123456789';
const start = { type: 'start', operationType: 'import', userId: 'u1', tenantId: 't1' };

describe('HTTP ingest of a producer events (docs/protocol.md, 10. HTTP and Server-Sent Events)', () => {
  let app: TestApp;
  let seq = 0;
  beforeAll(async () => {
    app = await startTestApp({ coalesceIntervalMs: 10, ingestTokens: [PRODUCER_TOKEN] });
  });
  afterAll(() => app.close());

  const post = (id: string, event: object) =>
    fetch(`${app.url}/api/v1/operations/${id}/events`, {
      method: 'POST',
      headers: { authorization: `Bearer ${PRODUCER_TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(event),
    });
  const freshId = () => `ingest-${process.pid}-${++seq}`;

  it('answers a second start for the same id with 409 OPERATION_EXISTS', async () => {
    const id = freshId();
    expect((await post(id, start)).status).toBe(202);
    const second = await post(id, start);
    expect(second.status).toBe(409);
    expect(await second.json()).toEqual({ error: { code: 'OPERATION_EXISTS', message: expect.stringContaining('already exists') } });
  });

  it('answers an event for an operation that has ended with 409 OPERATION_ENDED', async () => {
    const id = freshId();
    expect((await post(id, start)).status).toBe(202);
    expect((await post(id, { type: 'complete', result: { rows: 3 } })).status).toBe(202);
    const late = await post(id, { type: 'update', progress: 50 });
    expect(late.status).toBe(409);
    expect(await late.json()).toEqual({ error: { code: 'OPERATION_ENDED', message: expect.stringContaining('has ended') } });
  });

  it('answers an event for a cancelled operation with 409 OPERATION_ENDED, so the producer stops', async () => {
    const id = freshId();
    expect((await post(id, start)).status).toBe(202);
    const cancel = await fetch(`${app.url}/api/v1/operations/${id}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${app.token('u1', 't1')}` } });
    expect(cancel.status).toBe(200);
    const late = await post(id, { type: 'heartbeat' });
    expect(late.status).toBe(409);
    expect(await late.json()).toMatchObject({ error: { code: 'OPERATION_ENDED' } });
  });

  it('still answers a malformed event with 400 INVALID_PAYLOAD', async () => {
    const res = await post(freshId(), { type: 'start', operationType: 'import' });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: 'INVALID_PAYLOAD' } });
  });
});
