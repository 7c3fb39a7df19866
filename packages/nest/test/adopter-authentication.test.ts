import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { signToken } from '@liveprogress/test-support';
import { io, type Socket } from 'socket.io-client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UnknownOperationError, WebSocketService } from '../src/index.js';
import { type AdopterAuth, startAdopterApp } from './support/adopter-app.js';
import { MyOperationService } from './support/guide-verbatim.fixture.js';
import { SECRET, sleep, until } from './support/test-app.js';

const token = (sub: string, tenantId: string) => signToken({ sub, tenantId }, { secret: SECRET, expiresIn: 3600 });

function connect(url: string, bearer: string): Promise<Socket> {
  const socket = io(url, { transports: ['websocket'], reconnection: false, forceNew: true, auth: { token: bearer } });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

async function startGuideOperation(url: string, bearer: string): Promise<{ status: number; operationId: string }> {
  const res = await fetch(`${url}/api/my-operations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'My Operation' }),
  });
  const body = (await res.json()) as { data?: { operationId: string } };
  return { status: res.status, operationId: body.data?.operationId ?? '' };
}

/** Every event of an operation a subscribed socket saw: the replay in the ack, then live ones, by seq. */
async function followToTheEnd(socket: Socket, operationId: string): Promise<Array<{ event: string; seq: number; [k: string]: unknown }>> {
  const live: Array<{ event: string; seq: number }> = [];
  for (const event of ['progress.updated', 'progress.completed', 'progress.failed']) {
    socket.on(event, (payload: { seq: number; operationId: string }) => {
      if (payload.operationId === operationId) live.push({ event, ...payload });
    });
  }
  const ack = await socket.timeout(5000).emitWithAck('operation.subscribe', { operationId, afterSeq: 0 });
  expect(ack).toMatchObject({ ok: true });
  const all = () => [...ack.events, ...live].filter((e, i, list) => list.findIndex((x) => x.seq === e.seq) === i).sort((a, b) => a.seq - b.seq);
  await until(() => all().some((e) => e.event === 'progress.completed' || e.event === 'progress.failed'));
  return all();
}

const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);
beforeAll(() => process.on('unhandledRejection', onRejection));
afterAll(() => process.off('unhandledRejection', onRejection));

describe.each<[AdopterAuth, string]>([
  ['app-guard', "behind the app's own Passport-style JWT guard on the controller"],
  ['global-guard', "behind the app's guard registered globally (APP_GUARD)"],
  ['module-guard', "behind the module's own LiveProgressAuthGuard"],
])("the guide's backend example, copied as written, %s", (auth, _label) => {
  let app: INestApplication;
  let url: string;
  beforeAll(async () => {
    ({ app, url } = await startAdopterApp(auth, { coalesceIntervalMs: 10 }));
  });
  afterAll(() => app.close());

  it("runs an operation to completion that the requesting user's socket sees", async () => {
    const bearer = token('adopter-user', 'adopter-tenant');
    const socket = await connect(url, bearer);
    const { status, operationId } = await startGuideOperation(url, bearer);
    expect(status).toBe(201);
    const events = await followToTheEnd(socket, operationId);
    expect(events.map((e) => [e.event, e.stage ?? null, e.progress])).toEqual([
      ['progress.updated', 'initialization', 10],
      ['progress.updated', 'processing', 50],
      ['progress.completed', null, 100],
    ]);
    expect(events.at(-1)).toMatchObject({ operationType: 'my_operation', result: { done: true } });
    const stranger = await connect(url, token('adopter-user', 'another-tenant'));
    expect(await stranger.timeout(5000).emitWithAck('operation.subscribe', { operationId })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    socket.disconnect();
    stranger.disconnect();
    expect(rejections).toEqual([]);
  });
});

describe("the guide's backend example where no user can be found", () => {
  let app: INestApplication;
  let url: string;
  let logger: Awaited<ReturnType<typeof startAdopterApp>>['logger'];
  beforeAll(async () => {
    ({ app, url, logger } = await startAdopterApp('single-tenant-guard', { coalesceIntervalMs: 10 }));
  });
  afterAll(() => app.close());
  afterEach(() => logger.lines.splice(0));

  it('logs once, with the operation id and the fix, and the process stays up with no unhandled rejection', async () => {
    const { status, operationId } = await startGuideOperation(url, token('solo-user', 'unused'));
    expect(status).toBe(201);
    await until(() => logger.lines.some((l) => l.message.includes(operationId)));
    await sleep(200);
    const lines = logger.lines.filter((l) => l.message.includes(operationId));
    expect(lines).toHaveLength(1);
    expect(lines[0]?.level).toBe('error');
    expect(lines[0]?.message).toContain('`req.user` has no `tenantId`');
    expect(lines[0]?.message).toContain('resolveUser');
    expect(rejections).toEqual([]);
    // Still serving.
    expect((await startGuideOperation(url, token('solo-user', 'unused'))).status).toBe(201);
  });

  it('rejects sendProgressUpdate for an unknown id outside any request with a typed error naming the fix', async () => {
    const ws = app.get(WebSocketService);
    const operationId = randomUUID();
    const call = ws.sendProgressUpdate({ operationId, progress: 10 });
    await expect(call).rejects.toBeInstanceOf(UnknownOperationError);
    await expect(call).rejects.toMatchObject({ code: 'OPERATION_UNKNOWN', operationId, message: expect.stringContaining('owner: { userId, tenantId }') });
    // The guide's catch block reports the failure: it resolves rather than rejecting from code nobody awaits.
    await expect(ws.sendOperationFailure(operationId, 'my_operation', new Error('x'))).resolves.toBeUndefined();
    expect(logger.lines.filter((l) => l.message.includes(operationId))).toHaveLength(1);
  });

  it("starts the guide's service from outside a request (a job) without ending the process", async () => {
    const before = logger.lines.length;
    const { operationId } = await app.get(MyOperationService).startOperation({}, 'job');
    await until(() => logger.lines.length > before);
    expect(logger.lines.at(-1)?.message).toContain(`Operation "${operationId}" is not known and has no owner: it was reported from outside any HTTP request`);
    await sleep(100);
    expect(rejections).toEqual([]);
  });
});

describe('a resolveUser option', () => {
  let app: INestApplication;
  let url: string;
  beforeAll(async () => {
    // A single-tenant app: every user belongs to one tenant the app names itself.
    ({ app, url } = await startAdopterApp('single-tenant-guard', {
      coalesceIntervalMs: 10,
      resolveUser: (req: { user?: { id: string } }) => (req.user ? { userId: req.user.id, tenantId: 'the-only-tenant' } : undefined),
    }));
  });
  afterAll(() => app.close());

  it('makes the requesting user the owner when req.user alone does not say the tenant', async () => {
    const bearer = token('solo-user', 'the-only-tenant');
    const socket = await connect(url, bearer);
    const { operationId } = await startGuideOperation(url, bearer);
    const events = await followToTheEnd(socket, operationId);
    expect(events.at(-1)).toMatchObject({ event: 'progress.completed', operationType: 'my_operation' });
    socket.disconnect();
  });
});
