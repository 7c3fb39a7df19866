import { makeSnapshot } from '@liveprogress/test-support';
import type { StoredEvent } from '@liveprogress/protocol';
import { describe, expect, it } from 'vitest';
import {
  Coordinator,
  MemoryOperationStore,
  OperationEndedError,
  OperationEvents,
  OperationCancelledError,
  OperationLifecycle,
  type OperationStore,
  RedisOperationStore,
  SocketIoBroadcaster,
  resolveRuntimeOptions,
} from '../src/index.js';
import { useRedis } from './support/use-redis.js';

const quiet = { error: () => undefined, warn: () => undefined };

function coordinatorOver(store: OperationStore, options = resolveRuntimeOptions({ producerLeaseMs: 200 })) {
  const broadcaster = new SocketIoBroadcaster();
  const events = new OperationEvents(broadcaster, store);
  const lifecycle = new OperationLifecycle([], quiet);
  return { coordinator: new Coordinator({ store, broadcaster, events, lifecycle, options, logger: quiet }), events };
}

describe('Coordinator', () => {
  const redis = useRedis();

  it('ends the operation of a producer whose lease ran out as PRODUCER_LOST, tasks included, exactly once', async () => {
    const store = new RedisOperationStore({ redis: redis.client, keyPrefix: 'coord:', maxEvents: 100, terminalRetentionMs: 60_000 });
    const tasks = [
      { id: 'a', name: 'a.csv', status: 'completed' as const, progress: 100, weight: 1, startedAt: 1, finishedAt: 2 },
      { id: 'b', name: 'b.csv', status: 'running' as const, progress: 40, weight: 1, startedAt: 1, finishedAt: null },
    ];
    const snapshot = makeSnapshot({ progress: 70, tasks });
    await store.create(snapshot);
    // The producer took the lease and died: nobody renews it.
    store.leases(200).hold(snapshot.operationId);
    const first = coordinatorOver(store);
    const second = coordinatorOver(store);
    const heard: StoredEvent[] = [];
    first.events.listen(snapshot.operationId, (event) => heard.push(event));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ended = await Promise.all([first.coordinator.failLostProducers(), second.coordinator.failLostProducers()]);
    expect(ended[0] + ended[1]).toBe(1);
    const stored = await store.get(snapshot.operationId);
    expect(stored).toMatchObject({ status: 'failed', progress: 70, error: { code: 'PRODUCER_LOST' }, tasks, completedTasks: 1, totalTasks: 2 });
    const { events } = await store.eventsAfter(snapshot.operationId, 0);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ event: 'progress.failed', status: 'failed', tasks, completedTasks: 1, totalTasks: 2 });
    await Promise.all([first.coordinator.close(), second.coordinator.close()]);
  });

  it('lets a second process carry on an operation the first started, building on its tasks, and tells the first when it writes after the end', async () => {
    const store = new RedisOperationStore({ redis: redis.client, keyPrefix: 'handoff:', maxEvents: 100, terminalRetentionMs: 60_000 });
    const first = coordinatorOver(store).coordinator;
    const second = coordinatorOver(store).coordinator;
    const op = first.runtime.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    op.task('extract', 'Extract').update(50);
    op.update({ message: 'extracting' });
    await op.flushed();
    // A retry of the job lands on another worker: it takes the operation over from the store.
    const retried = second.runtime.adopt((await store.get(op.id))!);
    retried.task('load', 'Load').complete();
    retried.task('extract').complete();
    await retried.flushed();
    // The first worker's view is stale; its write is built again on what the second stored.
    op.update({ details: { rows: 10 } });
    await op.flushed();
    expect(await store.get(op.id)).toMatchObject({
      message: 'extracting',
      details: { rows: 10 },
      tasks: [
        { id: 'extract', name: 'Extract', status: 'completed', progress: 100 },
        { id: 'load', name: 'Load', status: 'completed', progress: 100 },
      ],
      completedTasks: 2,
      totalTasks: 2,
      progress: 100,
    });
    retried.complete({ rows: 10 });
    await retried.flushed();
    op.update({ message: 'still going?' });
    await expect(op.flushed()).rejects.toBeInstanceOf(OperationEndedError);
    expect(await store.get(op.id)).toMatchObject({ status: 'completed', message: 'extracting', result: { rows: 10 } });
    const { events } = await store.eventsAfter(op.id, 0);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    await Promise.all([first.stop(), second.stop()]);
  });

  it('cancels an operation nobody runs at once, and refuses to cancel one that ended', async () => {
    const store = new MemoryOperationStore({ maxEvents: 100, terminalRetentionMs: 60_000 });
    const { coordinator } = coordinatorOver(store, resolveRuntimeOptions());
    const orphan = makeSnapshot();
    await store.create(orphan);
    expect(await coordinator.cancel(orphan)).toBe('cancelled');
    const stored = await store.get(orphan.operationId);
    expect(stored).toMatchObject({ status: 'cancelled', error: { code: 'CANCELLED' } });
    expect(await coordinator.cancel(stored!)).toBe('not_cancellable');
  });

  it('asks the process running the work to stop, and reports the cancel once the work ended', async () => {
    const store = new MemoryOperationStore({ maxEvents: 100, terminalRetentionMs: 60_000 });
    const { coordinator } = coordinatorOver(store, resolveRuntimeOptions({ cancelTimeoutMs: 2000 }));
    const op = coordinator.runtime.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    op.signal.addEventListener('abort', () => setTimeout(() => op.fail(op.signal.reason), 20));
    await op.flushed();
    expect(await coordinator.cancel((await store.get(op.id))!)).toBe('cancelled');
    expect(await store.get(op.id)).toMatchObject({ status: 'cancelled' });
  });

  it('names who cancelled in the cancelled event and in the reason the work is given, for running work and for an orphan', async () => {
    const store = new MemoryOperationStore({ maxEvents: 100, terminalRetentionMs: 60_000 });
    const { coordinator } = coordinatorOver(store, resolveRuntimeOptions({ cancelTimeoutMs: 2000 }));
    const op = coordinator.runtime.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    let reason: unknown;
    op.signal.addEventListener('abort', () => {
      reason = op.signal.reason;
      setTimeout(() => op.fail(op.signal.reason), 20);
    });
    await op.flushed();
    expect(await coordinator.cancel((await store.get(op.id))!, 'dana')).toBe('cancelled');
    expect(reason).toBeInstanceOf(OperationCancelledError);
    expect(reason).toMatchObject({ cancelledBy: 'dana', code: 'CANCELLED', message: 'The operation was cancelled by dana' });
    const [ended] = (await store.eventsAfter(op.id, 0)).events;
    expect(ended).toMatchObject({ event: 'progress.failed', status: 'cancelled', error: { code: 'CANCELLED', details: { cancelledBy: 'dana' } } });

    const orphan = makeSnapshot();
    await store.create(orphan);
    expect(await coordinator.cancel(orphan, 'erin')).toBe('cancelled');
    expect(await store.get(orphan.operationId)).toMatchObject({ status: 'cancelled', error: { details: { cancelledBy: 'erin' } } });
    // A cancel nobody asked for by name carries no name.
    const unnamed = makeSnapshot();
    await store.create(unnamed);
    await coordinator.cancel(unnamed);
    expect((await store.get(unnamed.operationId))?.error).toEqual({ message: 'The operation was cancelled', code: 'CANCELLED' });
  });

  it('resolves waitForSubscriber when a subscriber is noted, and false after the timeout', async () => {
    const store = new MemoryOperationStore({ maxEvents: 100, terminalRetentionMs: 60_000 });
    const { coordinator } = coordinatorOver(store, resolveRuntimeOptions());
    const waiting = coordinator.waitForSubscriber('op-1', 5000);
    setTimeout(() => coordinator.noteSubscriber('op-1'), 20);
    expect(await waiting).toBe(true);
    expect(await coordinator.waitForSubscriber('op-2', 50)).toBe(false);
  });

  it('fails a silent operation STALLED exactly once when several processes sweep at the same moment, and lets go of the handle here', async () => {
    const store = new RedisOperationStore({ redis: redis.client, keyPrefix: 'stale:', maxEvents: 100, terminalRetentionMs: 60_000 });
    const options = resolveRuntimeOptions({ producerLeaseMs: 200, staleAfterMs: 150 });
    const [first, second, third] = [coordinatorOver(store, options), coordinatorOver(store, options), coordinatorOver(store, options)];
    // The sweeps trust the store once it answered promptly for a lease period: let the heartbeats show it.
    for (const { coordinator } of [first, second, third]) coordinator.start({ maintenance: false });
    const op = first.coordinator.runtime.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    op.update({ progress: 25 });
    await op.flushed();
    await new Promise((resolve) => setTimeout(resolve, 300));
    const ended = await Promise.all([first, second, third].map(({ coordinator }) => coordinator.failStalled()));
    expect(ended.reduce((a, b) => a + b, 0)).toBe(1);
    expect(await store.get(op.id)).toMatchObject({ status: 'failed', progress: 25, error: { code: 'STALLED' } });
    const { events } = await store.eventsAfter(op.id, 0);
    expect(events.map((e) => e.event)).toEqual(['progress.updated', 'progress.failed']);
    expect(op.signal.reason).toBeInstanceOf(OperationEndedError);
    await expect(op.flushed()).rejects.toBeInstanceOf(OperationEndedError);
    await Promise.all([first, second, third].map(({ coordinator }) => coordinator.stop()));
  });

  it('fails a silent operation STALLED in memory mode, and not one that reported within staleAfterMs', async () => {
    const store = new MemoryOperationStore({ maxEvents: 100, terminalRetentionMs: 60_000 });
    const { coordinator } = coordinatorOver(store, resolveRuntimeOptions({ staleAfterMs: 100 }));
    const silent = coordinator.runtime.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    const busy = coordinator.runtime.start({ operationType: 'import', userId: 'u1', tenantId: 't1' });
    await Promise.all([silent.flushed(), busy.flushed()]);
    await new Promise((resolve) => setTimeout(resolve, 150));
    busy.update({ progress: 5 });
    await busy.flushed();
    expect(await coordinator.failStalled()).toBe(1);
    expect(await coordinator.failStalled()).toBe(0);
    expect(await store.get(silent.id)).toMatchObject({ status: 'failed', error: { code: 'STALLED' } });
    expect(await store.get(busy.id)).toMatchObject({ status: 'running' });
    expect(silent.isFinished).toBe(true);
    busy.complete();
    await busy.flushed();
  });
});
