// The operator's long-stall drill (docs/scaling.md, Failure modes), too long for every CI run:
// two gateway nodes with the demo's 10 s producer lease, the ten operations of
// test/support/fault-drill.ts, and Redis paused (SIGSTOP: connections stay open, nothing answers,
// as in a network stall or a failover) for DRILL_STALL_MS. A request sent into the stall is timed.
//   npx turbo run drill:stall --filter=@liveprogress/api                      # 15 s stall, 10 s lease
//   DRILL_STALL_MS=60000 npx turbo run drill:stall --filter=@liveprogress/api # 60 s stall
import { type RunningApi, type RunningRedis, sleep, startApi, startRedis } from '@liveprogress/test-support';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Ack, getJson } from '../test/support/demo-client.js';
import { type RunningDrill, startDrill } from '../test/support/fault-drill.js';

const STALL_MS = Number(process.env.DRILL_STALL_MS ?? 15_000);
const LEASE_MS = Number(process.env.DRILL_LEASE_MS ?? 10_000);
/** Each operation runs through the stall and two leases past it, when a wrong sweep would strike. */
const DURATION_MS = 5000 + STALL_MS + LEASE_MS * 2 + 5000;

describe(`a ${STALL_MS / 1000} s Redis stall with a ${LEASE_MS / 1000} s producer lease`, () => {
  let redis: RunningRedis;
  let nodes: [RunningApi, RunningApi];
  let drill: RunningDrill | undefined;

  beforeAll(async () => {
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, PRODUCER_LEASE_MS: String(LEASE_MS) };
    nodes = (await Promise.all([startApi(env), startApi(env)])) as [RunningApi, RunningApi];
  });
  afterAll(async () => {
    drill?.close();
    await Promise.all(nodes?.map((n) => n.stop()) ?? []);
    await redis?.stop();
  });

  it('loses no operation, and answers a request sent into the stall 503 within the store deadline', async () => {
    drill = await startDrill({ nodes, redisUrl: redis.url, leaseMs: LEASE_MS, durationMs: DURATION_MS });
    await sleep(5000);
    redis.pause();
    const pausedAt = Date.now();
    const sentAt = Date.now();
    const [http, socket] = await Promise.all([
      getJson(nodes[0], '/api/v1/operations', drill.token).then((answer) => ({ ...answer, ms: Date.now() - sentAt })),
      // Past the server's 5 s deadline, so that its answer is timed, not the client's patience.
      (drill.clients[1].socket.timeout(15_000).emitWithAck('operations.list', {}) as Promise<Ack>).then((ack) => ({ ack, ms: Date.now() - sentAt })),
    ]);
    await sleep(Math.max(0, STALL_MS - (Date.now() - pausedAt)));
    redis.resume();

    const outcome = await drill.outcome(DURATION_MS + 30_000);
    const ackCode = socket.ack.ok ? 'ok' : socket.ack.error.code;
    console.log(
      [
        `stall ${STALL_MS} ms, lease ${LEASE_MS} ms: ${outcome.completed}/10 completed, ${outcome.lost.length} lost ${JSON.stringify(outcome.lost)}, broken ${JSON.stringify(outcome.broken)}`,
        `request into the stall: HTTP ${http.status} after ${http.ms} ms; socket ack ${ackCode} after ${socket.ms} ms`,
      ].join('\n'),
    );
    expect(http.status).toBe(503);
    expect(ackCode).toBe('STORE_UNAVAILABLE');
    expect(outcome).toEqual({ completed: 10, lost: [], broken: [], publisherExits: [0, 0] });
  });
});
