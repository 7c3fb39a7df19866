import { type RunningApi, startApi } from '@liveprogress/test-support';
import { type SseMessage, type SseStream, readSse } from '@liveprogress/test-support/sse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Snapshot, follow, getJson, signIn, startOperation } from './support/demo-client.js';

/** Snapshot first and without id, then one message per event with `id` = its seq, contiguous, ending with the terminal one. */
function expectSnapshotThenEvents(stream: SseStream, operationId: string, firstSeq: number): SseMessage[] {
  expect(stream.status).toBe(200);
  expect(stream.contentType).toMatch(/^text\/event-stream/);
  const [first, ...events] = stream.messages;
  expect(first?.event).toBe('snapshot');
  expect(first?.id).toBeUndefined();
  expect(first?.data).toMatchObject({ operationId });
  expect(events.length).toBeGreaterThan(0);
  expect(events.map((m) => Number(m.id))).toEqual(events.map((_, i) => firstSeq + i));
  for (const m of events) {
    expect(m.event).toMatch(/^progress\.(updated|completed|failed)$/);
    expect(m.data.seq).toBe(Number(m.id));
    expect(m.data.operationId).toBe(operationId);
  }
  expect(events.filter((m) => m.event !== 'progress.updated')).toHaveLength(1);
  return events;
}

describe('the SSE stream of a demo operation (docs/protocol.md, HTTP and Server-Sent Events)', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.stop());

  const streamUrl = (id: string, query = '') => `${api.url}/api/v1/operations/${encodeURIComponent(id)}/stream${query}`;

  it('delivers the snapshot, then every later event with its seq as id, and ends after the terminal event', async () => {
    const user = await signIn(api);
    const id = await startOperation(api, '/api/data/import', user.token, { simulate: { durationMs: 800 } });
    const stream = await readSse(streamUrl(id), { authorization: `Bearer ${user.token}` });
    const snapshot = stream.messages[0]!.data as unknown as Snapshot;
    expect(snapshot.status).toBe('running');
    const events = expectSnapshotThenEvents(stream, id, snapshot.seq + 1);
    expect(events.at(-1)).toMatchObject({ event: 'progress.completed', data: { status: 'completed', progress: 100 } });
    const stages = ['validation', 'processing', 'storing', 'indexing'];
    const seen = events.map((m) => m.data.stage).filter((stage, i, all) => stage && stage !== all[i - 1]);
    expect(seen).toEqual(stages.slice(stages.length - seen.length));

    // The same history a socket client gets.
    const run = await follow(user.client, id);
    expect(events.map((m) => ({ event: m.event, ...m.data }))).toEqual(run.events.filter((e) => e.seq > snapshot.seq));
    user.client.close();
  });

  it('accepts the token as ?access_token= for EventSource, which cannot send headers', async () => {
    const user = await signIn(api);
    const id = await startOperation(api, '/api/my-operations', user.token, { simulate: { durationMs: 500 } });
    const stream = await readSse(streamUrl(id, `?access_token=${encodeURIComponent(user.token)}`));
    const snapshot = stream.messages[0]!.data as unknown as Snapshot;
    const events = expectSnapshotThenEvents(stream, id, snapshot.seq + 1);
    expect(events.at(-1)?.event).toBe('progress.completed');
    user.client.close();
  });

  it('answers 401 to a stream request without any token, and takes ?access_token= on no other endpoint', async () => {
    const user = await signIn(api);
    const id = await startOperation(api, '/api/data/import', user.token, { simulate: { durationMs: 300 } });
    const anonymous = await fetch(streamUrl(id));
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: 'TOKEN_MISSING' } });
    const snapshotByQuery = await fetch(`${api.url}/api/v1/operations/${id}?access_token=${encodeURIComponent(user.token)}`);
    expect(snapshotByQuery.status).toBe(401);
    await follow(user.client, id);
    user.client.close();
  });

  it('replays the retained events after Last-Event-ID, then ends, for a finished operation', async () => {
    const user = await signIn(api);
    const id = await startOperation(api, '/api/batch/process', user.token, { simulate: { durationMs: 300 } });
    const run = await follow(user.client, id);
    const stream = await readSse(streamUrl(id), { authorization: `Bearer ${user.token}`, 'last-event-id': '3' });
    expect(stream.messages[0]?.data).toMatchObject({ status: 'completed', seq: run.terminal.seq });
    const events = expectSnapshotThenEvents(stream, id, 4);
    expect(events.at(-1)?.data.seq).toBe(run.terminal.seq);
    user.client.close();
  });

  it('still streams and ends after the terminal event when Last-Event-ID is beyond the operation', async () => {
    // A client whose last id is ahead of what the server holds (e.g. after a store lost writes) must be
    // treated like afterSeq beyond the operation: the snapshot is the truth and the stream goes on from it.
    const user = await signIn(api);
    const id = await startOperation(api, '/api/data/import', user.token, { simulate: { durationMs: 600 } });
    const stream = await readSse(streamUrl(id), { authorization: `Bearer ${user.token}`, 'last-event-id': '1000' }, 6000).catch((err: Error) => err);
    expect(stream, 'the stream never ended').not.toBeInstanceOf(Error);
    const messages = (stream as Awaited<ReturnType<typeof readSse>>).messages;
    expect(messages[0]?.event).toBe('snapshot');
    expect(messages.at(-1)?.event).toBe('progress.completed');
    await follow(user.client, id);
    user.client.close();
  });

  it('sends only the snapshot for a finished operation without Last-Event-ID', async () => {
    const user = await signIn(api);
    const id = await startOperation(api, '/api/my-operations', user.token, { simulate: { durationMs: 300, failAtStage: 'validation' } });
    await follow(user.client, id);
    const stream = await readSse(streamUrl(id), { authorization: `Bearer ${user.token}` });
    expect(stream.status).toBe(200);
    expect(stream.messages.map((m) => m.event)).toEqual(['snapshot']);
    expect(stream.messages[0]?.data).toMatchObject({ status: 'failed', error: { message: expect.any(String) } });
    const { body } = await getJson<Snapshot>(api, `/api/v1/operations/${id}`, user.token);
    expect(stream.messages[0]?.data).toEqual(body);
    user.client.close();
  });
});
