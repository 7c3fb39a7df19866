import { makeSnapshot } from '@liveprogress/test-support';
import { afterEach, describe, expect, it } from 'vitest';
import { WebhookNotifier, verifyWebhook } from '../src/index.js';
import { receiver } from './support/webhook-receiver.js';
import { startTestApp, until } from './support/test-app.js';

const SECRET = 'whsec-test';

describe('WebhookNotifier against a real receiver', () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('posts signed JSON for each end of an operation, sent from the module', async () => {
    const hook = await receiver(() => 204);
    const notifier = new WebhookNotifier({ url: hook.url, secret: SECRET });
    const app = await startTestApp({ notifiers: [notifier] });
    cleanups.push(() => app.close(), hook.close);
    const op = app.operations.start({ operationType: 'export', userId: 'u1', tenantId: 't1' });
    op.update({ progress: 50 });
    op.complete({ rows: 10 });
    await op.flushed();
    await until(() => hook.received.length === 1);
    const [delivery] = hook.received;
    expect(verifyWebhook(SECRET, { signature: delivery!.signature, timestamp: delivery!.timestamp }, delivery!.body)).toBe(true);
    expect(verifyWebhook('wrong', { signature: delivery!.signature, timestamp: delivery!.timestamp }, delivery!.body)).toBe(false);
    expect(verifyWebhook(SECRET, { signature: delivery!.signature, timestamp: delivery!.timestamp }, `${delivery!.body} `)).toBe(false);
    const notice = JSON.parse(delivery!.body);
    expect(notice).toMatchObject({
      type: 'operation.completed',
      operationId: op.id,
      operationType: 'export',
      tenantId: 't1',
      ownerId: 'u1',
      event: { event: 'progress.completed', result: { rows: 10 } },
      snapshot: { status: 'completed' },
    });
    await notifier.idle();
    expect(notifier.getStats()).toMatchObject({ delivered: 1, failed: 0, dropped: 0 });
  });

  it('retries a failing endpoint with backoff until it answers', async () => {
    const hook = await receiver((n) => (n <= 2 ? 503 : 200));
    cleanups.push(hook.close);
    const notifier = new WebhookNotifier({ url: hook.url, secret: SECRET, backoffMs: 20 });
    cleanups.push(() => notifier.close());
    notifier.notify(notice('a'));
    await notifier.idle();
    expect(hook.received.map((r) => r.attempt)).toEqual(['1', '2', '3']);
    expect(new Set(hook.received.map((r) => r.body)).size).toBe(1);
    expect(notifier.getStats()).toMatchObject({ delivered: 1, failed: 0 });
  });

  it('gives up after maxAttempts, and does not retry a 4xx refusal', async () => {
    const down = await receiver(() => 500);
    const refusing = await receiver(() => 400);
    cleanups.push(down.close, refusing.close);
    const first = new WebhookNotifier({ url: down.url, secret: SECRET, backoffMs: 5, maxAttempts: 3 });
    const second = new WebhookNotifier({ url: refusing.url, secret: SECRET, backoffMs: 5 });
    first.notify(notice('a'));
    second.notify(notice('b'));
    await Promise.all([first.idle(), second.idle()]);
    expect(down.received).toHaveLength(3);
    expect(refusing.received).toHaveLength(1);
    expect(first.getStats()).toMatchObject({ delivered: 0, failed: 1 });
  });

  it('keeps a bounded queue for a dead endpoint, dropping the oldest', async () => {
    const dead = await receiver(() => 200);
    await dead.close(); // nothing listens there any more: every connection is refused
    const notifier = new WebhookNotifier({ url: dead.url, secret: SECRET, maxQueue: 10, backoffMs: 1000, maxAttempts: 5 });
    cleanups.push(() => notifier.close());
    for (let i = 0; i < 10_000; i++) notifier.notify(notice(`op-${i}`));
    const stats = notifier.getStats();
    expect(stats.queued).toBeLessThanOrEqual(10);
    expect(stats.dropped).toBeGreaterThanOrEqual(9_989);
  });

  it('closes at once even while it waits to retry', async () => {
    const down = await receiver(() => 503);
    cleanups.push(down.close);
    const notifier = new WebhookNotifier({ url: down.url, secret: SECRET, backoffMs: 30_000 });
    notifier.notify(notice('a'));
    await until(() => down.received.length === 1);
    const startedAt = Date.now();
    await notifier.close();
    expect(Date.now() - startedAt).toBeLessThan(1000);
  });

  it('sends only the events it was asked for', async () => {
    const hook = await receiver(() => 200);
    cleanups.push(hook.close);
    const notifier = new WebhookNotifier({ url: hook.url, secret: SECRET, events: ['failed'] });
    notifier.notify(notice('done'));
    notifier.notify({ ...notice('broken'), type: 'operation.failed' });
    await notifier.idle();
    expect(hook.received.map((r) => JSON.parse(r.body).operationId)).toEqual(['broken']);
  });

  it('refuses a bad URL or a missing secret when it is made', () => {
    expect(() => new WebhookNotifier({ url: 'ftp://x', secret: SECRET })).toThrow(/http/);
    expect(() => new WebhookNotifier({ url: 'http://127.0.0.1:1/x', secret: '' })).toThrow(/secret/);
  });
});

function notice(operationId: string) {
  const snapshot = makeSnapshot({ operationId, operationType: 't', status: 'completed', progress: 100, ownerId: 'u', tenantId: 't', finishedAt: 1, seq: 1 });
  return {
    type: 'operation.completed' as const,
    operationId,
    operationType: 't',
    tenantId: 't',
    ownerId: 'u',
    event: {
      event: 'progress.completed' as const,
      operationId,
      operationType: 't',
      status: 'completed' as const,
      progress: 100 as const,
      timestamp: 1,
      seq: 1,
    },
    snapshot,
    timestamp: 1,
  };
}
