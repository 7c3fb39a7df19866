import { type RunningApi, startApi } from '@liveprogress/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type FollowedOperation,
  type ProgressEvent,
  type Snapshot,
  type Started,
  follow,
  getJson,
  postJson,
  signIn,
  stagesOf,
  startOperation,
} from './support/demo-client.js';

/** Contract §8: each example endpoint, its operationType and its stages in order. */
const ENDPOINTS: ReadonlyArray<{ path: string; operationType: string; stages: string[] }> = [
  { path: '/api/my-operations', operationType: 'generic', stages: ['initialization', 'processing', 'validation', 'completion'] },
  { path: '/api/files/upload', operationType: 'file_upload', stages: ['receiving', 'scanning', 'processing', 'storing'] },
  { path: '/api/data/import', operationType: 'data_import', stages: ['validation', 'processing', 'storing', 'indexing'] },
  { path: '/api/batch/process', operationType: 'batch_process', stages: ['preparing', 'processing', 'finalizing'] },
];

function expectWellFormedHistory(run: FollowedOperation): void {
  const { events } = run;
  expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
  for (let i = 1; i < events.length; i++) expect(events[i]!.progress).toBeGreaterThanOrEqual(events[i - 1]!.progress);
  expect(events.filter((e) => e.event !== 'progress.updated')).toHaveLength(1);
  expect(events.at(-1)).toBe(run.terminal);
  expect(run.afterTerminal).toEqual([]);
}

describe('the four example endpoints (docs/protocol.md, The demo API)', () => {
  let api: RunningApi;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(() => api?.stop());

  describe.concurrent.each(ENDPOINTS)('$path', ({ path, operationType, stages }) => {
    it('answers 201 with exactly the started shape, estimatedDuration in milliseconds', async () => {
      const user = await signIn(api);
      const answer = await postJson<Started>(api, path, { simulate: { durationMs: 400 } }, user.token);
      expect(answer.status).toBe(201);
      expect(answer.body).toStrictEqual({
        success: true,
        message: 'Operation started',
        data: { operationId: expect.any(String), estimatedDuration: 400 },
      });
      await follow(user.client, answer.body.data.operationId);
      user.client.close();
    });

    it(`runs ${stages.join(' → ')} in order to progress.completed`, async () => {
      const user = await signIn(api);
      const id = await startOperation(api, path, user.token, { name: `Ordered ${operationType}`, simulate: { durationMs: 500 } });
      const run = await follow(user.client, id);
      expectWellFormedHistory(run);
      expect(stagesOf(run.events)).toEqual(stages);
      expect(run.events.every((e) => e.operationId === id && e.operationType === operationType)).toBe(true);
      expect(run.terminal).toMatchObject({ event: 'progress.completed', status: 'completed', progress: 100 });

      const { status, body: snapshot } = await getJson<Snapshot>(api, `/api/v1/operations/${id}`, user.token);
      expect(status).toBe(200);
      expect(snapshot).toMatchObject({
        operationId: id,
        operationType,
        name: `Ordered ${operationType}`,
        status: 'completed',
        progress: 100,
        ownerId: user.userId,
        seq: run.terminal.seq,
      });
      expect(snapshot.result).toEqual(run.terminal.result);
      user.client.close();
    });

    it.each(stages.map((stage, i) => ({ stage, later: stages.slice(i + 1) })))(
      'fails in $stage when asked to, reporting no later stage',
      async ({ stage, later }) => {
        const user = await signIn(api);
        const id = await startOperation(api, path, user.token, { simulate: { durationMs: 400, failAtStage: stage } });
        const run = await follow(user.client, id);
        expectWellFormedHistory(run);
        const seen = stagesOf(run.events);
        expect(seen.at(-1)).toBe(stage);
        expect(seen).toEqual(stages.slice(0, stages.indexOf(stage) + 1));
        expect(run.events.filter((e) => later.includes(e.stage ?? '') && e.event === 'progress.updated')).toEqual([]);
        expect(run.terminal).toMatchObject({ event: 'progress.failed', status: 'failed', error: { message: expect.stringContaining(stage) } });
        expect(run.terminal.progress).toBeLessThan(100);

        const { body: snapshot } = await getJson<Snapshot>(api, `/api/v1/operations/${id}`, user.token);
        expect(snapshot).toMatchObject({ status: 'failed', stage, error: { message: run.terminal.error?.message }, progress: run.terminal.progress });
        user.client.close();
      },
    );
  });

  it('lists the stages of every example in the snapshot, in order, /api/my-operations included', async () => {
    const user = await signIn(api);
    for (const { path, stages } of ENDPOINTS) {
      const id = await startOperation(api, path, user.token, { simulate: { durationMs: 300 } });
      const run = await follow(user.client, id);
      expect(run.ack.snapshot.stages?.map((s) => s.id)).toEqual(stages);
      expect(run.ack.snapshot.stages?.map((s) => s.order)).toEqual(stages.map((_, i) => i + 1));
      const stored = await getJson<Snapshot>(api, `/api/v1/operations/${id}`, user.token);
      expect(stored.body.stages?.map((s) => s.id)).toEqual(stages);
    }
    user.client.close();
  });

  describe('/api/files/upload as multipart/form-data', () => {
    const pdf = new Uint8Array(1234).fill(7);
    const text = 'hello, live progress\n';

    async function upload(token: string, extra: Record<string, string> = {}) {
      const form = new FormData();
      form.append('file', new Blob([pdf], { type: 'application/pdf' }), 'report.pdf');
      form.append('file', new Blob([text], { type: 'text/plain' }), 'notes.txt');
      form.append('name', 'Two real files');
      form.append('simulate', JSON.stringify({ durationMs: 400 }));
      for (const [key, value] of Object.entries(extra)) form.append(key, value);
      const res = await fetch(`${api.url}/api/files/upload`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      return { status: res.status, body: (await res.json()) as Started & { error?: { code: string } } };
    }

    it('finishes with a result naming both files and their sizes', async () => {
      const user = await signIn(api);
      const answer = await upload(user.token);
      expect(answer.status).toBe(201);
      const run = await follow(user.client, answer.body.data.operationId);
      expectWellFormedHistory(run);
      expect(stagesOf(run.events)).toEqual(['receiving', 'scanning', 'processing', 'storing']);
      const result = run.terminal.result as { files: Array<{ name: string; size: number }>; totalBytes: number };
      expect(result.files).toEqual([
        expect.objectContaining({ name: 'report.pdf', size: 1234 }),
        expect.objectContaining({ name: 'notes.txt', size: Buffer.byteLength(text) }),
      ]);
      expect(result.totalBytes).toBe(1234 + Buffer.byteLength(text));
      expect(run.ack.snapshot.name).toBe('Two real files');
      user.client.close();
    });

    it('lists one task per uploaded file in the snapshot', async () => {
      const user = await signIn(api);
      const answer = await upload(user.token);
      const run = await follow(user.client, answer.body.data.operationId);
      const { body: snapshot } = await getJson<Snapshot>(api, `/api/v1/operations/${run.terminal.operationId}`, user.token);
      expect(snapshot.tasks?.map((t) => t.name)).toEqual(['report.pdf', 'notes.txt']);
      expect(snapshot.tasks?.every((t) => t.status === 'completed' && t.progress === 100)).toBe(true);
      user.client.close();
    });

    it('refuses an unknown form field and an unknown stage with 400 INVALID_PAYLOAD', async () => {
      const user = await signIn(api);
      expect(await upload(user.token, { colour: 'blue' })).toMatchObject({ status: 400, body: { error: { code: 'INVALID_PAYLOAD' } } });
      const form = new FormData();
      form.append('file', new Blob(['x']), 'x.txt');
      form.append('simulate', JSON.stringify({ failAtStage: 'indexing' }));
      const res = await fetch(`${api.url}/api/files/upload`, { method: 'POST', headers: { authorization: `Bearer ${user.token}` }, body: form });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ error: { code: 'INVALID_PAYLOAD', message: expect.stringContaining('indexing') } });
      user.client.close();
    });
  });

  describe('/api/batch/process with items', () => {
    it('reports processedCount rising to the number of items and ends with it in the result', async () => {
      const user = await signIn(api);
      const id = await startOperation(api, '/api/batch/process', user.token, { items: 7, simulate: { durationMs: 500 } });
      const run = await follow(user.client, id);
      expectWellFormedHistory(run);
      const updates = run.events.filter((e): e is ProgressEvent & { details: Record<string, number> } => e.event === 'progress.updated' && !!e.details);
      const counts = updates.map((e) => e.details.processedCount);
      expect(counts.every((n) => typeof n === 'number')).toBe(true);
      for (let i = 1; i < counts.length; i++) expect(counts[i]).toBeGreaterThanOrEqual(counts[i - 1]!);
      expect(counts[0]).toBe(0);
      expect(counts.at(-1)).toBe(7);
      expect(updates.every((e) => e.details.totalItems === 7)).toBe(true);
      expect(run.terminal.result).toMatchObject({ processedCount: 7 });
      user.client.close();
    });

    it('defaults to five items', async () => {
      const user = await signIn(api);
      const id = await startOperation(api, '/api/batch/process', user.token, { simulate: { durationMs: 300 } });
      const run = await follow(user.client, id);
      expect(run.terminal.result).toMatchObject({ processedCount: 5 });
      user.client.close();
    });

    it('lists one task per batch item in the snapshot', async () => {
      const user = await signIn(api);
      const id = await startOperation(api, '/api/batch/process', user.token, { items: 3, simulate: { durationMs: 300 } });
      await follow(user.client, id);
      const { body: snapshot } = await getJson<Snapshot>(api, `/api/v1/operations/${id}`, user.token);
      expect(snapshot.tasks).toHaveLength(3);
      expect(snapshot.tasks?.every((t) => t.status === 'completed')).toBe(true);
      user.client.close();
    });
  });
});
