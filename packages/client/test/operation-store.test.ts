import type { StoredEvent } from '@liveprogress/protocol';
import { describe, expect, it } from 'vitest';
import { EMPTY_OPERATION_STATE, LiveProgressClientError, OperationCache } from '../src/index.js';
import { FakeTransport, flushPromises } from './helpers/fake-transport.js';
import { completed, live, snapshot, updated } from './helpers/fixtures.js';

function setup(notify: 'sync' | 'microtask' | 'frame' = 'sync') {
  const transport = new FakeTransport();
  const store = new OperationCache(transport, {
    notify,
    onError: (error) => {
      throw error;
    },
  });
  const push = (event: StoredEvent) => {
    const { name, payload } = live(event);
    store.handleServerEvent(name, payload);
  };
  return { transport, store, push };
}

describe('OperationCache', () => {
  it('shares one server subscription between two watchers and unsubscribes when the last one leaves', async () => {
    const { transport, store } = setup();
    const releaseA = store.watch('op-1');
    const releaseB = store.watch('op-1');
    expect(transport.sentOf('operation.subscribe')).toEqual([{ operationId: 'op-1' }]);
    transport.answer('operation.subscribe', { snapshot: snapshot({ seq: 1 }), events: [], recovered: true });
    await flushPromises();
    releaseA();
    releaseA(); // idempotent: must not count twice
    await flushPromises();
    expect(transport.sentOf('operation.unsubscribe')).toEqual([]);
    expect(store.getSnapshot('op-1').subscription).toBe('subscribed');
    releaseB();
    await flushPromises();
    expect(transport.sentOf('operation.unsubscribe')).toEqual([{ operationId: 'op-1' }]);
    expect(store.getSnapshot('op-1')).toBe(EMPTY_OPERATION_STATE);
  });

  it('keeps the single subscription across an unmount and remount in the same tick (StrictMode)', async () => {
    const { transport, store } = setup();
    store.watch('op-1')();
    const release = store.watch('op-1');
    await flushPromises();
    expect(transport.sentOf('operation.subscribe')).toHaveLength(1);
    expect(transport.sentOf('operation.unsubscribe')).toHaveLength(0);
    expect(store.watchedOperations()).toEqual([{ operationId: 'op-1', refCount: 1, subscription: 'subscribing', lastSeq: 0 }]);
    release();
  });

  it('applies the ack snapshot, then live events in seq order, and keeps snapshot identity when nothing changed', async () => {
    const { transport, store, push } = setup();
    store.watch('op-1');
    push(updated(2)); // arrives before the ack: held
    expect(store.getSnapshot('op-1').snapshot).toBeNull();
    transport.answer('operation.subscribe', { snapshot: snapshot({ seq: 1 }), events: [], recovered: true });
    await flushPromises();
    const afterAck = store.getSnapshot('op-1');
    expect(afterAck.snapshot?.seq).toBe(2);
    expect(afterAck.lastEvent?.seq).toBe(2);
    expect(store.getSnapshot('op-1')).toBe(afterAck);
    push(updated(2)); // duplicate
    expect(store.getSnapshot('op-1')).toBe(afterAck);
    push(updated(3, 30));
    expect(store.getSnapshot('op-1')).not.toBe(afterAck);
    expect(store.getSnapshot('op-1').snapshot?.progress).toBe(30);
  });

  it('re-subscribes with afterSeq when it sees a live gap and applies what the ack replays', async () => {
    const { transport, store, push } = setup();
    store.watch('op-1');
    transport.answer('operation.subscribe', { snapshot: snapshot({ seq: 1 }), events: [], recovered: true });
    await flushPromises();
    push(updated(4));
    expect(transport.sentOf('operation.subscribe')).toEqual([{ operationId: 'op-1' }, { operationId: 'op-1', afterSeq: 1 }]);
    push(updated(5)); // held while the re-subscribe is in flight, no second request
    expect(transport.sentOf('operation.subscribe')).toHaveLength(2);
    transport.answer('operation.subscribe', {
      snapshot: snapshot({ seq: 4 }),
      events: [updated(2), updated(3), updated(4)],
      recovered: true,
    });
    await flushPromises();
    const state = store.getSnapshot('op-1');
    expect(state.snapshot?.seq).toBe(5);
    expect(state.recovered).toBe(true);
    expect(state.subscription).toBe('subscribed');
  });

  it('delivers every applied event exactly once and in order to onEvent handlers', async () => {
    const { transport, store, push } = setup();
    const seen: number[] = [];
    store.onEvent('op-1', (event) => seen.push(event.seq));
    store.watch('op-1');
    push(updated(3));
    transport.answer('operation.subscribe', { snapshot: snapshot({ seq: 1 }), events: [], recovered: true });
    await flushPromises(); // 3 held, gap 2 → re-subscribe
    transport.answer('operation.subscribe', { snapshot: snapshot({ seq: 3 }), events: [updated(2), updated(3)], recovered: true });
    await flushPromises();
    push(updated(3));
    push(completed(4));
    push(updated(5));
    expect(seen).toEqual([2, 3, 4]);
    expect(store.getSnapshot('op-1').isTerminal).toBe(true);
  });

  it('re-subscribes every watched operation with afterSeq after a reconnect and reports recovery', async () => {
    const { transport, store, push } = setup();
    store.watch('op-1');
    store.watch('op-2');
    transport.answer('operation.subscribe', { snapshot: snapshot({ seq: 2 }), events: [], recovered: true });
    transport.answer('operation.subscribe', { snapshot: snapshot({ operationId: 'op-2', seq: 7 }), events: [], recovered: true });
    await flushPromises();
    transport.connected = false;
    store.handleDisconnected();
    expect(store.getSnapshot('op-1').subscription).toBe('resubscribing');
    transport.connected = true;
    store.handleConnected();
    expect(transport.sentOf('operation.subscribe').slice(2)).toEqual([
      { operationId: 'op-1', afterSeq: 2 },
      { operationId: 'op-2', afterSeq: 7 },
    ]);
    push(updated(4)); // live event during the re-subscribe: held
    transport.answer('operation.subscribe', { snapshot: snapshot({ seq: 3 }), events: [updated(3)], recovered: true });
    transport.answer('operation.subscribe', { snapshot: snapshot({ operationId: 'op-2', seq: 50 }), events: [], recovered: false });
    await flushPromises();
    expect(store.getSnapshot('op-1')).toMatchObject({ recovered: true, subscription: 'subscribed' });
    expect(store.getSnapshot('op-1').snapshot?.seq).toBe(4);
    expect(store.getSnapshot('op-2').recovered).toBe(false);
    expect(store.getSnapshot('op-2').snapshot?.seq).toBe(50);
  });

  it('ignores an ack that belongs to a connection that has since dropped', async () => {
    const { transport, store } = setup();
    store.watch('op-1');
    store.handleDisconnected();
    transport.answer('operation.subscribe', { snapshot: snapshot({ seq: 9 }), events: [], recovered: true });
    await flushPromises();
    expect(store.getSnapshot('op-1').snapshot).toBeNull();
  });

  it('does not re-subscribe a finished operation after a reconnect', async () => {
    const { transport, store } = setup();
    store.watch('op-1');
    transport.answer('operation.subscribe', { snapshot: snapshot({ seq: 9, status: 'completed', progress: 100 }), events: [], recovered: true });
    await flushPromises();
    store.handleDisconnected();
    store.handleConnected();
    expect(transport.sentOf('operation.subscribe')).toHaveLength(1);
    expect(store.getSnapshot('op-1').isTerminal).toBe(true);
  });

  it('exposes a NOT_FOUND refusal as a typed error, marks the operation lost and stops trying', async () => {
    const { transport, store } = setup();
    store.watch('nope');
    transport.refuse('operation.subscribe', new LiveProgressClientError('NOT_FOUND', 'operation.subscribe was refused (NOT_FOUND)'));
    await flushPromises();
    const state = store.getSnapshot('nope');
    expect(state.subscription).toBe('lost');
    expect(state.isLost).toBe(true);
    expect(state.error).toBeInstanceOf(LiveProgressClientError);
    expect(state.error?.code).toBe('NOT_FOUND');
    store.handleDisconnected();
    store.handleConnected();
    expect(transport.sentOf('operation.subscribe')).toHaveLength(1);
  });

  it('refuses an operation id longer than the contract allows without asking the server', () => {
    const { transport, store } = setup();
    store.watch('x'.repeat(129));
    expect(transport.sent).toEqual([]);
    expect(store.getSnapshot('x'.repeat(129)).error?.code).toBe('INVALID_ARGUMENT');
  });

  it('notifies a bounded number of times for a burst of 1,000 updates', async () => {
    const { transport, store, push } = setup('frame');
    store.watch('op-1');
    transport.answer('operation.subscribe', { snapshot: snapshot({ seq: 0 }), events: [], recovered: true });
    await new Promise((resolve) => setTimeout(resolve, 40));
    let all = 0;
    let mine = 0;
    let other = 0;
    store.subscribe(() => all++);
    store.subscribe(() => mine++, 'op-1');
    store.subscribe(() => other++, 'op-2');
    for (let seq = 1; seq <= 1000; seq++) push(updated(seq, Math.floor(seq / 10)));
    expect(all).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(all).toBe(1);
    expect(mine).toBe(1);
    expect(other).toBe(0);
    expect(store.getSnapshot('op-1').snapshot?.seq).toBe(1000);
  });

  it('leaves no pending timer or listener after close', async () => {
    const { transport, store, push } = setup('frame');
    let calls = 0;
    store.subscribe(() => calls++);
    store.watch('op-1');
    transport.answer('operation.subscribe', { snapshot: snapshot({ seq: 0 }), events: [], recovered: true });
    await flushPromises();
    push(updated(1));
    store.close();
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(calls).toBe(0);
    expect(store.watchedOperations()).toEqual([]);
    expect(() => store.watch('op-1')).toThrow(LiveProgressClientError);
  });

  it('retries a subscribe that timed out, with backoff', async () => {
    const transport = new FakeTransport();
    const store = new OperationCache(transport, { notify: 'sync', retry: { initialDelayMs: 5, jitter: 0 } });
    store.watch('op-1');
    transport.refuse('operation.subscribe', new LiveProgressClientError('TIMEOUT', 'slow'));
    await flushPromises();
    expect(store.getSnapshot('op-1').error?.code).toBe('TIMEOUT');
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(transport.sentOf('operation.subscribe')).toHaveLength(2);
    transport.answer('operation.subscribe', { snapshot: snapshot({ seq: 1 }), events: [], recovered: true });
    await flushPromises();
    expect(store.getSnapshot('op-1')).toMatchObject({ error: null, subscription: 'subscribed' });
    store.close();
  });

  it('takes a newer polled snapshot as the state, leaving lastEvent and onEvent untouched', async () => {
    const { transport, store } = setup();
    const events: StoredEvent[] = [];
    store.onEvent('op-1', (event) => events.push(event));
    store.watch('op-1');
    transport.answer('operation.subscribe', { snapshot: snapshot({ seq: 1 }), events: [], recovered: false });
    await flushPromises();
    store.handleSnapshot(snapshot({ seq: 6, progress: 60 }));
    store.handleSnapshot(snapshot({ operationId: 'not-watched', seq: 9 }));
    const state = store.getSnapshot('op-1');
    expect(state.snapshot).toMatchObject({ seq: 6, progress: 60 });
    expect(state.lastEvent).toBeNull();
    expect(events).toEqual([]);
    store.handleSnapshot(snapshot({ seq: 8, status: 'completed', progress: 100 }));
    expect(store.getSnapshot('op-1')).toMatchObject({ isTerminal: true, snapshot: { status: 'completed', seq: 8 } });
    expect(store.getSnapshot('not-watched').snapshot).toBeNull();
  });
});
