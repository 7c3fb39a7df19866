import { until } from '@liveprogress/test-support';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inspectClient } from '../../src/index.js';
import { startHarness, type Harness } from '../helpers/test-server.js';

let h: Harness;
let token: string;
beforeAll(async () => {
  h = await startHarness();
  token = h.token();
}, 30_000);
afterEach(() => h.closeClients());
afterAll(() => h.server.stop());

describe('inspectClient(client)', () => {
  it('shows the connection, each watched operation with its seq and subscribers, and its events as they arrive', async () => {
    const client = h.client({ token });
    let notified = 0;
    const off = inspectClient(client).subscribe(() => {
      notified += 1;
    });
    await until(() => inspectClient(client).getSnapshot().connection.status === 'connected', 'connected');
    expect(inspectClient(client).getSnapshot().transport).toBe('socket');
    const operationId = await h.start(token, { simulate: { durationMs: 600 } });
    const releaseA = client.watchOperation(operationId);
    const releaseB = client.watchOperation(operationId);
    const done = await until(() => {
      const operation = inspectClient(client)
        .getSnapshot()
        .operations.find((candidate) => candidate.operationId === operationId);
      return operation?.events.at(-1)?.event === 'progress.completed' && operation;
    }, 'the completed event in the inspection');
    expect(done).toMatchObject({ subscribers: 2, subscription: 'subscribed', recoveries: 0, gaps: 0 });
    expect(done.seq).toBe(done.events.at(-1)?.seq);
    const seqs = done.events.map((event) => event.seq);
    expect(seqs).toEqual(seqs.map((_, i) => seqs[0]! + i));
    expect(done.events.some((event) => event.event === 'progress.updated' && event.stage !== null)).toBe(true);
    expect(done.lastEventAt).toBeGreaterThan(Date.now() - 10_000);
    expect(notified).toBeGreaterThan(0);
    releaseA();
    releaseB();
    await until(() => inspectClient(client).getSnapshot().operations.length === 0, 'the released operation to leave the inspection');
    off();
  }, 15_000);

  it('counts the re-subscribe after a reconnect as a recovery', async () => {
    const client = h.client({ token });
    inspectClient(client).getSnapshot();
    await until(() => client.getStatus() === 'connected', 'connected');
    const operationId = await h.start(token, { simulate: { durationMs: 1500 } });
    client.watchOperation(operationId);
    await until(() => (inspectClient(client).getSnapshot().operations[0]?.events.length ?? 0) > 0, 'a first event');
    client.disconnect();
    client.connect();
    const operation = await until(() => {
      const current = inspectClient(client).getSnapshot().operations[0];
      return current && current.recoveries === 1 && current;
    }, 'the recovery');
    expect(operation.gaps).toBe(0);
  }, 15_000);
});
