// A producer process for the scale-out tests: reports one operation through Redis only,
// with no Nest and no socket server, the way a queue worker would.
// env: REDIS_URL, OPERATION_ID, USER_ID, TENANT_ID, STEPS (default 20), INTERVAL_MS (default 50)
import { LiveProgressPublisher } from '@liveprogress/core';

const env = process.env;
const steps = Number(env.STEPS ?? 20);
const interval = Number(env.INTERVAL_MS ?? 50);
const publisher = await LiveProgressPublisher.connect({
  url: env.REDIS_URL,
  coalesceIntervalMs: 10,
  // Above the longest failover the tests make: a publisher that finishes during one still stores its end.
  shutdownTimeoutMs: 30_000,
  ...(env.PRODUCER_LEASE_MS ? { producerLeaseMs: Number(env.PRODUCER_LEASE_MS) } : {}),
});
const op = publisher.start({ operationId: env.OPERATION_ID, operationType: 'worker_job', userId: env.USER_ID, tenantId: env.TENANT_ID });
await op.flushed();
console.log(`started ${op.id}`);
try {
  for (let i = 1; i <= steps; i++) {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(resolve, interval);
      op.signal.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          reject(op.signal.reason);
        },
        { once: true },
      );
    });
    op.update({ stage: `step-${i}`, progress: (i / steps) * 99, details: { sentAt: Date.now(), step: i } });
  }
  op.complete({ steps });
  console.log('completed');
} catch (error) {
  op.fail(error);
  console.log(`stopped: ${error?.code ?? error}`);
}
await publisher.close();
