import { spawnSync } from 'node:child_process';
import { connect } from 'node:net';
import { type RunningRedis, startRedis } from '@liveprogress/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countersBetween, parseCounters, readInfo, totalCalls } from '../src/redis/redis-info.js';

const hasRedis = spawnSync('redis-server', ['--version']).status === 0;

/** One command in RESP, as a client library would write it. */
const resp = (...args: string[]) => `*${args.length}\r\n${args.map((a) => `$${Buffer.byteLength(a)}\r\n${a}\r\n`).join('')}`;

/** Sends raw RESP and resolves with the bytes of the replies once `lines` reply lines came back. */
function send(port: number, request: string, lines: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('error', reject);
    socket.on('connect', () => socket.write(request));
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (text.split('\r\n').length - 1 >= lines) {
        socket.end();
        resolve(text.length);
      }
    });
  });
}

describe.skipIf(!hasRedis)('Redis counters for the cost per event', () => {
  let redis: RunningRedis;
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis?.stop();
  });

  it('counts the commands between two readings one by one, those inside a script included, and leaves its own INFO calls out', async () => {
    const first = await readInfo(redis.port);
    const before = parseCounters(first, 0, 0);
    const script = "redis.call('set','a','1'); redis.call('incr','n'); return 1";
    await send(redis.port, resp('EVAL', script, '0') + resp('XADD', 's', '*', 'f', 'v'), 3); // :1, then $<n> and the entry id
    const replyBytes = Buffer.byteLength(first) + `$${Buffer.byteLength(first)}\r\n`.length + 2;
    const after = parseCounters(await readInfo(redis.port), 1, replyBytes);
    const delta = countersBetween(before, after);
    expect(delta.calls).toEqual({ eval: 1, set: 1, incr: 1, xadd: 1 });
    expect(totalCalls(delta)).toBe(4);
  });

  it('measures the bytes clients sent and received between two readings, without the readings themselves', async () => {
    const first = await readInfo(redis.port);
    const before = parseCounters(first, 2, 0);
    const request = resp('SET', 'k', 'x'.repeat(100));
    const received = await send(redis.port, request.repeat(10), 10);
    const replyBytes = Buffer.byteLength(first) + `$${Buffer.byteLength(first)}\r\n`.length + 2;
    const after = parseCounters(await readInfo(redis.port), 3, replyBytes);
    const delta = countersBetween(before, after);
    expect(delta.netInputBytes).toBe(request.length * 10);
    expect(delta.netOutputBytes).toBe(received);
  });
});
