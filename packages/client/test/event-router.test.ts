import { describe, expect, it } from 'vitest';
import { LiveProgressClientError } from '../src/index.js';
import { EventRouter } from '../src/event-router.js';

const refresh = (table: string) => ({ type: 'table_refresh', table, action: 'update', metadata: { timestamp: 1, initiatedBy: 'system' } });

describe('EventRouter', () => {
  it('routes events to every handler whose pattern matches, with the event name', () => {
    const router = new EventRouter(() => undefined);
    const seen: string[] = [];
    router.subscribe('custom.event.*', (_data, event) => seen.push(`custom:${event}`));
    router.subscribe('*', (_data, event) => seen.push(`all:${event}`));
    router.subscribe('platform.*', (_data, event) => seen.push(`platform:${event}`));
    router.dispatch('custom.event.created', { id: 1 });
    router.dispatch('platform.system.alert', {});
    expect(seen).toEqual(['custom:custom.event.created', 'all:custom.event.created', 'all:platform.system.alert', 'platform:platform.system.alert']);
  });

  it('refuses an empty pattern or a handler that is not a function as an invalid argument', () => {
    const router = new EventRouter(() => undefined);
    expect(() => router.subscribe('', () => undefined)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => router.subscribe('a.*', 'nope' as never)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
    expect(() => router.onTableRefresh('', () => undefined)).toThrow(expect.objectContaining({ code: 'INVALID_ARGUMENT' }));
  });

  it('stops calling a handler once unsubscribed by its id', () => {
    const router = new EventRouter(() => undefined);
    let calls = 0;
    const id = router.subscribe('a.*', () => calls++);
    router.dispatch('a.b', null);
    expect(router.unsubscribe(id)).toBe(true);
    expect(router.unsubscribe(id)).toBe(false);
    router.dispatch('a.b', null);
    expect(calls).toBe(1);
    expect(router.list().events).toEqual([]);
  });

  it('keeps calling the other handlers when one throws, and reports the error', () => {
    const reported: unknown[] = [];
    const router = new EventRouter((error) => reported.push(error));
    let calls = 0;
    router.subscribe('*', () => {
      throw new Error('handler bug');
    });
    router.subscribe('*', () => calls++);
    router.dispatch('x', null);
    expect(calls).toBe(1);
    expect(reported).toHaveLength(1);
  });

  it('rejects an empty pattern with a typed error', () => {
    expect(() => new EventRouter(() => undefined).subscribe('', () => undefined)).toThrow(LiveProgressClientError);
  });
});

describe('EventRouter table refresh handlers', () => {
  it('calls only the handlers of the refreshed table', () => {
    const router = new EventRouter(() => undefined);
    const seen: string[] = [];
    router.onTableRefresh('my_operations', (event) => seen.push(`mine:${event.action}`));
    router.onTableRefresh('other', () => seen.push('other'));
    router.dispatch('platform.table.refresh', refresh('my_operations'));
    router.dispatch('custom.event.x', refresh('my_operations'));
    expect(seen).toEqual(['mine:update']);
  });

  it('lists table handlers apart from event handlers, and removes them by id', () => {
    const router = new EventRouter(() => undefined);
    const id = router.onTableRefresh('t', () => undefined);
    const pattern = router.subscribe('custom.*', () => undefined);
    expect(router.list()).toEqual({ events: [{ id: pattern, pattern: 'custom.*' }], tables: [{ id, table: 't' }] });
    expect(router.unsubscribe(id)).toBe(true);
    expect(router.list().tables).toEqual([]);
  });
});
