import type { StoredEvent } from '@liveprogress/protocol';
import type { ConnectionState } from '../src/index.js';
import { describe, expect, it } from 'vitest';
import { ClientInspector, INSPECTED_EVENTS_KEPT, OperationCache } from '../src/index.js';
import { FakeTransport, flushPromises } from './helpers/fake-transport.js';
import { live, snapshot, updated } from './helpers/fixtures.js';

const CONNECTED: ConnectionState = Object.freeze({ status: 'connected', error: null, attempt: 0, nextRetryAt: null, socketId: 's-1', transport: 'socket' });

/** A cache and its inspector wired the way LiveProgressClient wires them, over a scripted transport. */
function setup() {
  const transport = new FakeTransport();
  const rethrow = (error: unknown) => {
    throw error;
  };
  let store: OperationCache | undefined;
  const inspector = new ClientInspector(
    { connection: () => CONNECTED, transport: () => 'socket', watched: () => store!.watchedOperations(), subscribe: (listener) => store!.subscribe(listener) },
    'sync',
    rethrow,
  );
  store = new OperationCache(transport, { notify: 'sync', onError: rethrow, observer: inspector });
  const push = (event: StoredEvent) => {
    const { name, payload } = live(event);
    store!.handleServerEvent(name, payload);
  };
  return { transport, store, inspector, push };
}

describe('ClientInspector', () => {
  it('counts a re-subscribe answered recovered: false as a gap and one answered recovered: true as a recovery', async () => {
    const { transport, store, inspector } = setup();
    inspector.getSnapshot();
    store.watch('op-1');
    transport.answer('operation.subscribe', { snapshot: snapshot({ seq: 2 }), events: [], recovered: true });
    await flushPromises();
    for (const recovered of [false, true]) {
      transport.connected = false;
      store.handleDisconnected();
      transport.connected = true;
      store.handleConnected();
      transport.answer('operation.subscribe', { snapshot: snapshot({ seq: 8 }), events: [], recovered });
      await flushPromises();
    }
    expect(inspector.getSnapshot().operations).toEqual([expect.objectContaining({ operationId: 'op-1', seq: 8, recoveries: 1, gaps: 1, subscribers: 1 })]);
  });

  it('keeps the last events of an operation decoded, and forgets the operation when nobody watches it', async () => {
    const { transport, store, inspector, push } = setup();
    const changes: number[] = [];
    inspector.subscribe(() => changes.push(Date.now()));
    const release = store.watch('op-1');
    transport.answer('operation.subscribe', { snapshot: snapshot({ seq: 1 }), events: [], recovered: true });
    await flushPromises();
    for (let seq = 2; seq <= INSPECTED_EVENTS_KEPT + 5; seq += 1) push(updated(seq));
    const [operation] = inspector.getSnapshot().operations;
    expect(operation?.events).toHaveLength(INSPECTED_EVENTS_KEPT);
    expect(operation?.events.at(-1)).toMatchObject({ event: 'progress.updated', seq: INSPECTED_EVENTS_KEPT + 5, status: 'running' });
    expect(operation?.lastEventAt).toEqual(expect.any(Number));
    expect(changes.length).toBeGreaterThan(0);
    expect(inspector.getSnapshot()).toBe(inspector.getSnapshot());
    release();
    await flushPromises();
    expect(inspector.getSnapshot().operations).toEqual([]);
  });

  it('records nothing until somebody inspects', async () => {
    const { transport, store, inspector, push } = setup();
    store.watch('op-1');
    transport.answer('operation.subscribe', { snapshot: snapshot({ seq: 1 }), events: [], recovered: true });
    await flushPromises();
    push(updated(2));
    expect(inspector.getSnapshot().operations).toEqual([expect.objectContaining({ seq: 2, events: [], lastEventAt: null })]);
    push(updated(3));
    expect(inspector.getSnapshot().operations[0]?.events.map((event) => event.seq)).toEqual([3]);
  });
});
