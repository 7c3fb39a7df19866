import { describe, expect, it } from 'vitest';
import { LiveProgressClient, type TransportKind } from '../src/index.js';
import { httpFallback } from '../src/fallback.js';

const URL = 'http://127.0.0.1:1';

describe('transport options', () => {
  it('starts on the socket by default and on the first transport of transportOrder otherwise', () => {
    const byDefault = new LiveProgressClient({ url: URL, autoConnect: false });
    const sseOnly = new LiveProgressClient({ url: URL, autoConnect: false, fallback: httpFallback({ transportOrder: ['sse'] }) });
    const pollingFirst = new LiveProgressClient({ url: URL, autoConnect: false, fallback: httpFallback({ transportOrder: ['polling', 'socket'] }) });
    expect(byDefault.connection.getSnapshot()).toMatchObject({ status: 'idle', transport: 'socket' });
    expect(sseOnly.connection.getSnapshot()).toMatchObject({ status: 'idle', transport: 'sse' });
    expect(pollingFirst.getTransport()).toBe('polling');
    for (const client of [byDefault, sseOnly, pollingFirst]) client.close();
  });

  it.each([
    [[], 'an empty list'],
    [['websocket'], 'a Socket.IO engine transport'],
    [['sse', 'sse'], 'a repeated transport'],
  ])('refuses %j in transportOrder (%s) with a message that lists the valid names', (order) => {
    const create = () => new LiveProgressClient({ url: URL, autoConnect: false, fallback: httpFallback({ transportOrder: order as TransportKind[] }) });
    expect(create).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining("'socket', 'sse' and/or 'polling'") }));
  });

  it('refuses a client without a url as a configuration error', () => {
    const create = () => new LiveProgressClient({ url: '', autoConnect: false });
    expect(create).toThrow(
      expect.objectContaining({ name: 'LiveProgressClientError', code: 'CONFIG_INVALID', message: expect.stringContaining('needs a `url`') }),
    );
  });

  it('refuses a fallback threshold or poll interval that is not a positive number', () => {
    expect(() => new LiveProgressClient({ url: URL, autoConnect: false, fallback: httpFallback({ afterFailures: 0 }) })).toThrow(
      expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringContaining('afterFailures') }),
    );
    // Checked at construction even though polling would only be created at the second fallback.
    expect(() => new LiveProgressClient({ url: URL, autoConnect: false, fallback: httpFallback({ pollIntervalMs: -1 }) })).toThrow(/pollIntervalMs/);
    expect(() => new LiveProgressClient({ url: URL, autoConnect: false, fallback: httpFallback({ sseIdleTimeoutMs: Number.NaN }) })).toThrow(
      /sseIdleTimeoutMs/,
    );
  });

  it.each([
    [{ transportOrder: ['sse'] }, 'transportOrder'],
    [{ http: { url: 'http://127.0.0.1:1' } }, 'http'],
    [{ fallback: { afterFailures: 2 } }, 'fallback'],
  ])('refuses the fallback options of before @liveprogress/client/fallback (%j) with a message that names httpFallback', (old, name) => {
    const create = () => new LiveProgressClient({ url: URL, autoConnect: false, ...(old as object) });
    expect(create).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID', message: expect.stringMatching(new RegExp(`^${name} .*httpFallback`)) }));
  });

  it('uses the socket alone without a fallback: no SSE or polling to fall back to', () => {
    const client = new LiveProgressClient({ url: URL, autoConnect: false });
    expect(client.getTransport()).toBe('socket');
    client.close();
  });
});
