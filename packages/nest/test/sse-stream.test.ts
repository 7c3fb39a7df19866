// streamOperation's handoff, on a real HTTP response: the live events come from a listener the
// test drives (as a Redis relay would deliver them, one of them lost), the rest from a store.
import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { OperationSnapshot, StoredEvent } from '@liveprogress/protocol';
import { makeSnapshot, until } from '@liveprogress/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { streamOperation } from '../src/http/sse-stream.js';

const event = (seq: number, status: 'running' | 'completed' = 'running'): StoredEvent =>
  ({
    event: status === 'running' ? 'progress.updated' : 'progress.completed',
    operationId: 'op-1',
    operationType: 'import',
    status,
    progress: status === 'running' ? seq * 10 : 100,
    timestamp: 1_700_000_000_000 + seq,
    seq,
  }) as StoredEvent;

describe('streamOperation', () => {
  let server: Server | undefined;
  afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

  it('reads from the store the events a relay missed, so the stream has no gap', async () => {
    const stored: StoredEvent[] = [event(1), event(2), event(3), event(4, 'completed')];
    let live: ((e: StoredEvent) => void) | undefined;
    const reads: number[] = [];
    server = createServer(
      (_req, res) =>
        void streamOperation(
          res,
          {
            listen: (listener) => {
              live = listener;
              return () => (live = undefined);
            },
            snapshot: async () => makeSnapshot({ operationId: 'op-1', status: 'running', seq: 1, progress: 10 }) as OperationSnapshot,
            eventsAfter: async (afterSeq) => {
              reads.push(afterSeq);
              return { events: stored.filter((e) => e.seq > afterSeq && e.seq <= 3), recovered: true };
            },
          },
          { lastEventId: undefined, heartbeatMs: 60_000, expiresAt: Date.now() + 60_000 },
        ),
    );
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const reader = response.body!.getReader();
    let text = '';
    const read = (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return;
        text += new TextDecoder().decode(value);
      }
    })();
    await until(() => text.includes('event: snapshot'), 'the snapshot');
    // The relay lost seq 2: it delivers 3, then 4 (the end) while the store is read.
    live?.(event(3));
    live?.(event(4, 'completed'));
    await read;
    expect([...text.matchAll(/^id: (\d+)$/gm)].map((m) => Number(m[1]))).toEqual([2, 3, 4]);
    expect(reads).toEqual([1]);
  });
});
