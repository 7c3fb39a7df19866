import { type OperationSnapshot, type StoredEvent, applyEvent } from '@liveprogress/protocol';
import { describe, expect, it } from 'vitest';
import type { AppendConflict, AppendResult, OperationStore } from '../../src/index.js';

export { makeSnapshot as snapshotOf } from '@liveprogress/test-support';
import { makeSnapshot as snapshotOf, randomHistory, seededRandom } from '@liveprogress/test-support';

/** An append made without `expectedSeq`, which never conflicts. */
function written(result: AppendResult | AppendConflict | null): AppendResult | null {
  if (result && 'conflict' in result) throw new Error('an append without expectedSeq answered a conflict');
  return result;
}

const update = (operationId: string, progress: number) =>
  ({
    event: 'progress.updated',
    operationId,
    operationType: 'import',
    status: 'running',
    stage: 'processing',
    progress,
    message: null,
    details: null,
    timestamp: Date.now(),
    estimatedCompletion: null,
  }) as const;

const failed = (operationId: string) =>
  ({
    event: 'progress.failed',
    operationId,
    operationType: 'import',
    status: 'failed',
    progress: 0,
    error: { message: 'boom' },
    timestamp: Date.now(),
  }) as const;

/**
 * What every OperationStore must do; run against each implementation with a factory
 * that makes an empty store keeping `maxEvents` events and finished operations `retentionMs`.
 */
export function describeOperationStore(name: string, make: (limits: { maxEvents: number; retentionMs: number }) => Promise<OperationStore>): void {
  describe(`${name} (OperationStore contract)`, () => {
    it('creates once and refuses a second create of the same id', async () => {
      const store = await make({ maxEvents: 10, retentionMs: 60_000 });
      const s = snapshotOf();
      expect(await store.create(s)).toBe(true);
      expect(await store.create(s)).toBe(false);
      expect(await store.get(s.operationId)).toEqual(s);
      expect(await store.get('missing')).toBeNull();
      await store.close();
    });

    it('assigns contiguous seq from 1 and folds each event into the snapshot', async () => {
      const store = await make({ maxEvents: 10, retentionMs: 60_000 });
      const s = snapshotOf();
      await store.create(s);
      const first = written(await store.append(s.operationId, update(s.operationId, 10)));
      const second = written(await store.append(s.operationId, update(s.operationId, 20), { snapshot: true }));
      expect(first?.event.seq).toBe(1);
      expect(second?.event.seq).toBe(2);
      expect(second?.snapshot).toMatchObject({ seq: 2, progress: 20, stage: 'processing' });
      expect(await store.get(s.operationId)).toMatchObject({ seq: 2, progress: 20 });
      await store.close();
    });

    it('stores, for random event sequences, the snapshot a client folds from the same events with applyEvent, field for field', async () => {
      const store = await make({ maxEvents: 100, retentionMs: 60_000 });
      for (let seed = 1; seed <= 40; seed++) {
        const created = snapshotOf({ details: seed % 3 === 0 ? { source: 'upload' } : null });
        await store.create(created);
        let live = created;
        for (const { seq: _numberedByTheStore, ...input } of randomHistory(seededRandom(seed), created.operationId, created.operationType)) {
          const appended = written(await store.append(created.operationId, input));
          expect(appended, `seed ${seed}: the store refused an event of a running operation`).not.toBeNull();
          live = applyEvent(live, appended!.event);
        }
        const { events } = await store.eventsAfter(created.operationId, 0);
        const replayed = events.reduce<OperationSnapshot>((snapshot, event: StoredEvent) => applyEvent(snapshot, event), created);
        const stored = await store.get(created.operationId);
        expect(live, `seed ${seed}: folding the live events`).toEqual(stored);
        expect(replayed, `seed ${seed}: folding the replayed events`).toEqual(stored);
      }
      await store.close();
    });

    it('appends only while the seq is still the expected one, and answers a conflict with the current snapshot otherwise', async () => {
      const store = await make({ maxEvents: 10, retentionMs: 60_000 });
      const s = snapshotOf();
      await store.create(s);
      expect(written(await store.append(s.operationId, update(s.operationId, 10), { expectedSeq: 0 }))?.event.seq).toBe(1);
      const stale = await store.append(s.operationId, update(s.operationId, 20), { expectedSeq: 0 });
      expect(stale).toMatchObject({ conflict: true });
      const current = (stale as AppendConflict).snapshot ?? (await store.get(s.operationId));
      expect(current).toMatchObject({ seq: 1, progress: 10 });
      expect((await store.eventsAfter(s.operationId, 0)).events.map((e) => e.progress)).toEqual([10]);
      expect(written(await store.append(s.operationId, update(s.operationId, 20), { expectedSeq: 1 }))?.event.seq).toBe(2);
      await store.close();
    });

    it('assigns distinct seqs to concurrent appends', async () => {
      const store = await make({ maxEvents: 100, retentionMs: 60_000 });
      const s = snapshotOf();
      await store.create(s);
      const results = await Promise.all(Array.from({ length: 20 }, (_, i) => store.append(s.operationId, update(s.operationId, i)).then(written)));
      expect(results.map((r) => r!.event.seq).sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      await store.close();
    });

    it('hands out snapshots that later events do not change', async () => {
      const store = await make({ maxEvents: 10, retentionMs: 60_000 });
      const s = snapshotOf();
      await store.create(s);
      const appended = written(await store.append(s.operationId, update(s.operationId, 10), { snapshot: true }));
      const read = await store.get(s.operationId);
      const [listed] = await store.list({ tenantId: s.tenantId, limit: 10 });
      written(await store.append(s.operationId, { ...update(s.operationId, 20), message: 'later' }));
      for (const held of [appended?.snapshot, read, listed]) expect(held).toMatchObject({ seq: 1, progress: 10, message: null });
      expect(s).toMatchObject({ seq: 0, progress: 0 });
      expect(await store.get(s.operationId)).toMatchObject({ seq: 2, progress: 20, message: 'later' });
      await store.close();
    });

    it('hands out details, and keeps the details it was given, that later events do not change', async () => {
      const store = await make({ maxEvents: 10, retentionMs: 60_000 });
      const s = snapshotOf({ details: { phase: 'start' } });
      await store.create(s);
      const first = { ...update(s.operationId, 10), details: { phase: 'one', rows: 1 } };
      const appended = written(await store.append(s.operationId, first, { snapshot: true }));
      const read = await store.get(s.operationId);
      const [listed] = await store.list({ tenantId: s.tenantId, limit: 10 });
      written(await store.append(s.operationId, { ...update(s.operationId, 20), details: { phase: 'two', rows: 2, extra: true } }));
      for (const held of [appended?.snapshot, read, listed]) expect(held?.details).toEqual({ phase: 'one', rows: 1 });
      expect(appended?.event).toMatchObject({ details: { phase: 'one', rows: 1 } });
      expect(first.details).toEqual({ phase: 'one', rows: 1 });
      expect(s.details).toEqual({ phase: 'start' });
      expect((await store.get(s.operationId))?.details).toEqual({ phase: 'two', rows: 2, extra: true });
      // Details an event drops are gone, as applyEvent drops them; an event with none clears them.
      written(await store.append(s.operationId, { ...update(s.operationId, 30), details: { rows: 3 } }));
      expect((await store.get(s.operationId))?.details).toEqual({ rows: 3 });
      written(await store.append(s.operationId, update(s.operationId, 40)));
      expect((await store.get(s.operationId))?.details).toBeNull();
      await store.close();
    });

    it('refuses every append after a terminal event, so only one terminal event exists', async () => {
      const store = await make({ maxEvents: 10, retentionMs: 60_000 });
      const s = snapshotOf();
      await store.create(s);
      const done = {
        event: 'progress.completed',
        operationId: s.operationId,
        operationType: 'import',
        status: 'completed',
        progress: 100,
        timestamp: Date.now(),
      } as const;
      const results = await Promise.all([store.append(s.operationId, done), store.append(s.operationId, done)]);
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect(written(await store.append(s.operationId, update(s.operationId, 5)))).toBeNull();
      expect((await store.eventsAfter(s.operationId, 0)).events).toHaveLength(1);
      expect(written(await store.append('missing', update('missing', 5)))).toBeNull();
      await store.close();
    });

    it('returns the events after a seq and says whether the gap was recovered', async () => {
      const store = await make({ maxEvents: 5, retentionMs: 60_000 });
      const s = snapshotOf();
      await store.create(s);
      for (let i = 1; i <= 12; i++) written(await store.append(s.operationId, update(s.operationId, i)));
      const recent = await store.eventsAfter(s.operationId, 9);
      expect(recent).toMatchObject({ recovered: true });
      expect(recent.events.map((e) => e.seq)).toEqual([10, 11, 12]);
      const edge = await store.eventsAfter(s.operationId, 7);
      expect(edge.recovered).toBe(true);
      expect(edge.events.map((e) => e.seq)).toEqual([8, 9, 10, 11, 12]);
      const old = await store.eventsAfter(s.operationId, 2);
      expect(old.recovered).toBe(false);
      expect(old.events.map((e) => e.seq)).toEqual([8, 9, 10, 11, 12]);
      expect(await store.eventsAfter(s.operationId, 12)).toEqual({ events: [], recovered: true });
      expect(await store.eventsAfter(s.operationId, 13)).toEqual({ events: [], recovered: false });
      await store.close();
    });

    it('lists a tenant newest first, by viewer, status and type, up to the limit', async () => {
      const store = await make({ maxEvents: 10, retentionMs: 60_000 });
      const tenantId = `tenant-${Math.random()}`;
      const mine = snapshotOf({ tenantId, ownerId: 'me' });
      const shared = snapshotOf({ tenantId, ownerId: 'you', visibility: 'tenant', operationType: 'export' });
      const private_ = snapshotOf({ tenantId, ownerId: 'you' });
      const foreign = snapshotOf({ tenantId: `${tenantId}-other`, ownerId: 'me' });
      for (const s of [mine, shared, private_, foreign]) await store.create(s);
      const ids = (list: OperationSnapshot[]) => list.map((s) => s.operationId);
      expect(ids(await store.list({ tenantId, viewerId: 'me', limit: 50 }))).toEqual([shared.operationId, mine.operationId]);
      expect(ids(await store.list({ tenantId, limit: 50 }))).toEqual([private_.operationId, shared.operationId, mine.operationId]);
      expect(ids(await store.list({ tenantId, operationType: 'export', limit: 50 }))).toEqual([shared.operationId]);
      expect(ids(await store.list({ tenantId, status: 'completed', limit: 50 }))).toEqual([]);
      expect(ids(await store.list({ tenantId, limit: 1 }))).toEqual([private_.operationId]);
      await store.close();
    });

    it('lists an operation under the type a later event names, and no longer under the type it was created with', async () => {
      const store = await make({ maxEvents: 10, retentionMs: 60_000 });
      const tenantId = `tenant-${Math.random()}`;
      const s = snapshotOf({ tenantId, operationType: 'operation' });
      await store.create(s);
      const ids = (list: OperationSnapshot[]) => list.map((x) => x.operationId);
      written(await store.append(s.operationId, { ...update(s.operationId, 10), operationType: 'operation' }));
      expect(ids(await store.list({ tenantId, operationType: 'operation', limit: 50 }))).toEqual([s.operationId]);
      written(await store.append(s.operationId, { ...update(s.operationId, 20), operationType: 'my_operation' }));
      expect(ids(await store.list({ tenantId, operationType: 'my_operation', limit: 50 }))).toEqual([s.operationId]);
      expect(ids(await store.list({ tenantId, operationType: 'operation', limit: 50 }))).toEqual([]);
      const done = written(
        await store.append(s.operationId, {
          event: 'progress.completed',
          operationId: s.operationId,
          operationType: 'my_operation',
          status: 'completed',
          progress: 100,
          timestamp: Date.now(),
        }),
      );
      expect(done?.event.operationType).toBe('my_operation');
      expect(await store.get(s.operationId)).toMatchObject({ operationType: 'my_operation', status: 'completed' });
      expect(ids(await store.list({ tenantId, operationType: 'my_operation', status: 'completed', limit: 50 }))).toEqual([s.operationId]);
      await store.close();
    });

    it('expires finished operations after the retention and keeps running ones', async () => {
      const store = await make({ maxEvents: 10, retentionMs: 1000 });
      const finished = snapshotOf({ status: 'completed', finishedAt: Date.now() - 5000 });
      const recent = snapshotOf({ status: 'completed', finishedAt: Date.now() });
      const running = snapshotOf({ createdAt: Date.now() - 10 * 86_400_000 });
      for (const s of [finished, recent, running]) await store.create(s);
      await store.expire(Date.now());
      expect(await store.get(finished.operationId)).toBeNull();
      expect(await store.get(recent.operationId)).not.toBeNull();
      expect(await store.get(running.operationId)).not.toBeNull();
      expect((await store.list({ tenantId: 't1', limit: 100 })).map((s) => s.operationId)).not.toContain(finished.operationId);
      await store.close();
    });

    it('deletes a finished operation whole — snapshot, events, lists — and refuses a running one', async () => {
      const store = await make({ maxEvents: 10, retentionMs: 60_000 });
      if (!store.delete) throw new Error('a built-in store must delete');
      const tenantId = `tenant-${Math.random()}`;
      const s = snapshotOf({ tenantId, ownerId: 'me', visibility: 'tenant', operationType: 'export' });
      await store.create(s);
      written(await store.append(s.operationId, update(s.operationId, 40)));
      expect(await store.delete(s.operationId)).toBe('running');
      expect(await store.get(s.operationId)).toMatchObject({ status: 'running', seq: 1 });
      written(await store.append(s.operationId, failed(s.operationId)));
      expect(await store.delete(s.operationId)).toBe('deleted');
      expect(await store.get(s.operationId)).toBeNull();
      expect(await store.eventsAfter(s.operationId, 0)).toEqual({ events: [], recovered: false });
      for (const filter of [{}, { viewerId: 'me' }, { viewerId: 'other' }, { status: 'failed' as const }, { operationType: 'export' }]) {
        expect(await store.list({ tenantId, limit: 50, ...filter })).toEqual([]);
      }
      // Gone for writers too: nothing appended afterwards brings it back.
      expect(await store.append(s.operationId, update(s.operationId, 50))).toBeNull();
      expect(await store.get(s.operationId)).toBeNull();
      expect(await store.delete(s.operationId)).toBe('missing');
      await store.close();
    });

    it('names running operations with no activity for the idle time, and not those with a stored event or a markActive since', async () => {
      const store = await make({ maxEvents: 10, retentionMs: 60_000 });
      if (!store.staleOperations || !store.markActive) throw new Error('a built-in store must find stale operations');
      const silent = snapshotOf();
      const reporting = snapshotOf();
      const beating = snapshotOf();
      const finished = snapshotOf();
      for (const s of [silent, reporting, beating, finished]) await store.create(s);
      await new Promise((resolve) => setTimeout(resolve, 250));
      written(await store.append(reporting.operationId, update(reporting.operationId, 10)));
      await store.markActive(beating.operationId);
      written(await store.append(finished.operationId, failed(finished.operationId)));
      const stale = await store.staleOperations(200);
      expect(stale).toContain(silent.operationId);
      for (const s of [reporting, beating, finished]) expect(stale).not.toContain(s.operationId);
      expect(await store.staleOperations(60_000)).not.toContain(silent.operationId);
      await store.close();
    });
  });
}
