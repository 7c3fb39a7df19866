import { signToken } from '@liveprogress/test-support';
import { parseSse } from '@liveprogress/test-support/sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SECRET, type TestApp, sleep, startTestApp } from './support/test-app.js';

describe('HTTP endpoints', () => {
  let app: TestApp;
  let auth: { authorization: string };
  beforeAll(async () => {
    app = await startTestApp({ coalesceIntervalMs: 10, sseHeartbeatMs: 50 });
    auth = { authorization: `Bearer ${app.token('u1', 't1')}` };
  });
  afterAll(() => app.close());

  it('answers 401 with the contract code for a missing, forged, expired or tenantless token', async () => {
    const expired = signToken({ sub: 'u1', tenantId: 't1', exp: Math.floor(Date.now() / 1000) - 60 }, { secret: SECRET, expiresIn: null });
    const cases: Array<[Record<string, string>, string]> = [
      [{}, 'TOKEN_MISSING'],
      [{ authorization: `Bearer ${signToken({ sub: 'u1', tenantId: 't1' }, { secret: 'nope', expiresIn: 60 })}` }, 'TOKEN_INVALID'],
      [{ authorization: `Bearer ${expired}` }, 'TOKEN_EXPIRED'],
      [{ authorization: `Bearer ${signToken({ sub: 'u1' }, { secret: SECRET, expiresIn: 60 })}` }, 'TENANT_MISSING'],
    ];
    for (const [headers, code] of cases) {
      const res = await fetch(`${app.url}/api/v1/operations`, { headers });
      expect(res.status).toBe(401);
      expect(await res.json()).toEqual({ error: { code, message: expect.any(String) } });
    }
  });

  it('does not take ?access_token= anywhere but the stream', async () => {
    const res = await fetch(`${app.url}/api/v1/operations?access_token=${app.token('u1', 't1')}`);
    expect(res.status).toBe(401);
  });

  it('returns a snapshot with every contract field, and 404 for an unknown id', async () => {
    const op = app.operations.start({ operationType: 'report', name: 'Q3 report', userId: 'u1', tenantId: 't1', estimatedDuration: 60_000 });
    op.update({ stage: 'rendering', progress: 25, message: 'Rendering', details: { pages: 3 } });
    await op.flushed();
    const res = await fetch(`${app.url}/api/v1/operations/${op.id}`, { headers: auth });
    expect(res.status).toBe(200);
    const snapshot = (await res.json()) as Record<string, any>;
    for (const field of [
      'operationId',
      'operationType',
      'name',
      'status',
      'stage',
      'progress',
      'message',
      'details',
      'stages',
      'tasks',
      'result',
      'error',
      'ownerId',
      'createdAt',
      'updatedAt',
      'startedAt',
      'finishedAt',
      'estimatedCompletion',
      'seq',
    ]) {
      expect(snapshot).toHaveProperty(field);
    }
    expect(snapshot).toMatchObject({ status: 'running', stage: 'rendering', progress: 25, details: { pages: 3 }, result: null, error: null, seq: 1 });
    expect(snapshot.estimatedCompletion).toBe(snapshot.startedAt + 60_000);
    const missing = await fetch(`${app.url}/api/v1/operations/nope`, { headers: auth });
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
  });

  it('answers 400 INVALID_PAYLOAD to a bad list query', async () => {
    for (const query of ['limit=0', 'limit=500', 'limit=abc', 'status=paused', 'colour=red']) {
      const res = await fetch(`${app.url}/api/v1/operations?${query}`, { headers: auth });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'INVALID_PAYLOAD' } });
    }
  });

  it('cancels with 200, then answers 409 NOT_CANCELLABLE', async () => {
    const op = app.operations.start({ operationType: 'report', userId: 'u1', tenantId: 't1' });
    op.signal.addEventListener('abort', () => op.fail(op.signal.reason));
    const first = await fetch(`${app.url}/api/v1/operations/${op.id}/cancel`, { method: 'POST', headers: auth });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true });
    expect(op.signal.aborted).toBe(true);
    const second = await fetch(`${app.url}/api/v1/operations/${op.id}/cancel`, { method: 'POST', headers: auth });
    expect(second.status).toBe(409);
    expect(await second.json()).toMatchObject({ error: { code: 'NOT_CANCELLABLE' } });
    expect((await app.operations.get(op.id))?.status).toBe('cancelled');
  });

  it('streams the snapshot, then live events with ids, and ends after the terminal event', async () => {
    const op = app.operations.start({ operationType: 'report', userId: 'u1', tenantId: 't1' });
    op.update({ stage: 'a', progress: 10 });
    await op.flushed();
    const res = await fetch(`${app.url}/api/v1/operations/${op.id}/stream`, { headers: auth });
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reading = res.text().then(parseSse);
    await sleep(120);
    op.update({ stage: 'b', progress: 50 });
    op.complete({ ok: 1 });
    // The body reads to its end only because the server ended the stream after the terminal event.
    const { messages, comments } = await reading;
    expect(comments.length).toBeGreaterThanOrEqual(1);
    expect(messages[0]).toMatchObject({ event: 'snapshot', data: { operationId: op.id, seq: 1, stage: 'a' } });
    expect(messages[0]!.id).toBeUndefined();
    expect(messages.slice(1).map((m) => [m.event, m.id])).toEqual([
      ['progress.updated', '2'],
      ['progress.completed', '3'],
    ]);
    expect(messages[2]!.data).toMatchObject({ status: 'completed', result: { ok: 1 }, seq: 3 });
  });

  it('replays the retained events after Last-Event-ID before going live', async () => {
    const op = app.operations.start({ operationType: 'report', userId: 'u1', tenantId: 't1' });
    for (const stage of ['a', 'b', 'c', 'd']) op.update({ stage, progress: stage.charCodeAt(0) - 90 });
    await op.flushed();
    const res = await fetch(`${app.url}/api/v1/operations/${op.id}/stream`, { headers: { ...auth, 'last-event-id': '2' } });
    const reading = res.text().then(parseSse);
    await sleep(50);
    op.complete();
    const { messages } = await reading;
    expect(messages.map((m) => [m.event, m.id ?? null])).toEqual([
      ['snapshot', null],
      ['progress.updated', '3'],
      ['progress.updated', '4'],
      ['progress.completed', '5'],
    ]);
    expect(messages[1]!.data.stage).toBe('c');
  });

  it('ends right after the snapshot and replay when the operation has already finished', async () => {
    const op = app.operations.start({ operationType: 'report', userId: 'u1', tenantId: 't1' });
    op.update({ stage: 'x', progress: 10 });
    op.fail('broken');
    await op.flushed();
    const url = `${app.url}/api/v1/operations/${op.id}/stream?access_token=${app.token('u1', 't1')}`;
    const { messages } = parseSse(await (await fetch(url)).text());
    expect(messages.map((m) => m.event)).toEqual(['snapshot']);
    expect(messages[0]!.data).toMatchObject({ status: 'failed', error: { message: 'broken' } });
    const withReplay = parseSse(await (await fetch(url, { headers: { 'last-event-id': '0' } })).text());
    expect(withReplay.messages.map((m) => m.event)).toEqual(['snapshot', 'progress.updated', 'progress.failed']);
  });

  it('answers 400 to a Last-Event-ID that is not a number', async () => {
    const op = app.operations.start({ operationType: 'report', userId: 'u1', tenantId: 't1' });
    const res = await fetch(`${app.url}/api/v1/operations/${op.id}/stream`, { headers: { ...auth, 'last-event-id': 'abc' } });
    expect(res.status).toBe(400);
    op.complete();
  });
});

describe('the HTTP prefix', () => {
  it('mounts the endpoints under a configured prefix', async () => {
    const app = await startTestApp({}, { httpPrefix: '/progress' });
    try {
      const headers = { authorization: `Bearer ${app.token('u1', 't1')}` };
      expect((await fetch(`${app.url}/progress`, { headers })).status).toBe(200);
      expect((await fetch(`${app.url}/api/v1/operations`, { headers })).status).toBe(404);
    } finally {
      await app.close();
    }
  });
});
