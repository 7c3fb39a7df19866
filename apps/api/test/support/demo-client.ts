// A small client of the demo API for the tests: real HTTP, real socket.io-client, nothing from the server's code.
import { randomUUID } from 'node:crypto';
import { type RunningApi, devToken, sleep } from '@liveprogress/test-support';
import { io, type Socket } from 'socket.io-client';

/** One server→client event as a client sees it: its name plus its payload. */
export interface Received {
  event: string;
  payload: Record<string, unknown>;
  at: number;
}

/** A progress event, flattened the way the ack's `events` carry it (`event` names it). */
export interface ProgressEvent {
  event: 'progress.updated' | 'progress.completed' | 'progress.failed';
  operationId: string;
  operationType: string;
  status: string;
  seq: number;
  progress: number;
  stage?: string | null;
  message?: string | null;
  details?: Record<string, unknown> | null;
  result?: unknown;
  error?: { message: string; code?: string; details?: unknown };
  timestamp: number;
}

export interface Snapshot {
  operationId: string;
  operationType: string;
  name: string | null;
  status: string;
  stage: string | null;
  progress: number;
  details: Record<string, unknown> | null;
  stages: Array<{ id: string; name: string; description?: string; order: number }> | null;
  tasks: Array<{ id: string; name: string; status: string; progress: number; message?: string }> | null;
  result: unknown;
  error: { message: string; code?: string } | null;
  ownerId: string;
  seq: number;
  [field: string]: unknown;
}

export type Ack = { ok: true; [field: string]: unknown } | { ok: false; error: { code: string; message: string } };

export const isTerminal = (event: string) => event === 'progress.completed' || event === 'progress.failed';

/** A user nobody else in the run uses, so the per-user HTTP rate limit of one test never touches another's. */
export function freshUser(tenantId = `tenant-${randomUUID().slice(0, 8)}`, roles?: string[]) {
  return { userId: `user-${randomUUID().slice(0, 8)}`, tenantId, ...(roles ? { roles } : {}) };
}

/** A connected socket that remembers every event it heard, in order of arrival. */
export class LiveClient {
  readonly received: Received[] = [];
  private waiters = new Set<() => void>();

  private constructor(readonly socket: Socket) {
    socket.onAny((event: string, payload: unknown) => {
      this.received.push({ event, payload: (payload ?? {}) as Record<string, unknown>, at: Date.now() });
      for (const wake of [...this.waiters]) wake();
    });
  }

  static async connect(api: Pick<RunningApi, 'url'>, token: string): Promise<LiveClient> {
    const socket = io(api.url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    const client = new LiveClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', (err) => reject(err));
    });
    return client;
  }

  request(event: string, payload: unknown): Promise<Ack> {
    return this.socket.timeout(5000).emitWithAck(event, payload) as Promise<Ack>;
  }

  /** Resolves with the first event (heard so far or later) that matches. */
  waitFor(match: (r: Received) => boolean, timeoutMs = 10_000, what = 'an event'): Promise<Received> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = this.received.find(match);
        if (!found) return false;
        this.waiters.delete(check);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; heard: ${this.received.map((r) => r.event).join(', ')}`));
      }, timeoutMs);
      if (!check()) this.waiters.add(check);
    });
  }

  /** Progress events of one operation heard live, in arrival order. */
  liveProgress(operationId: string): ProgressEvent[] {
    return this.received
      .filter((r) => r.event.startsWith('progress.') && r.payload.operationId === operationId)
      .map((r) => ({ ...(r.payload as Omit<ProgressEvent, 'event'>), event: r.event as ProgressEvent['event'] }));
  }

  close(): void {
    this.socket.close();
  }
}

export interface FollowedOperation {
  ack: Extract<Ack, { ok: true }> & { snapshot: Snapshot; events: ProgressEvent[]; recovered: boolean };
  /** Every event of the operation, from the ack and live, one per seq, in seq order. */
  events: ProgressEvent[];
  terminal: ProgressEvent;
  /** Live events that arrived after the terminal one (must stay empty). */
  afterTerminal: ProgressEvent[];
}

/**
 * Subscribes from the start (`afterSeq: 0`), merges the ack's replay with the live
 * stream by `seq` as the contract tells a client to, and waits for the end plus a
 * quiet period in which nothing may follow.
 */
export async function follow(client: LiveClient, operationId: string, { timeoutMs = 15_000, quietMs = 300 } = {}): Promise<FollowedOperation> {
  const ack = await client.request('operation.subscribe', { operationId, afterSeq: 0 });
  if (!ack.ok) throw new Error(`subscribe was refused: ${JSON.stringify(ack.error)}`);
  const subscribed = ack as FollowedOperation['ack'];
  const fromAck = subscribed.events.find((e) => isTerminal(e.event));
  if (!fromAck) {
    await client.waitFor((r) => isTerminal(r.event) && r.payload.operationId === operationId, timeoutMs, `the end of ${operationId}`);
  }
  await sleep(quietMs);
  const bySeq = new Map<number, ProgressEvent>();
  for (const e of [...subscribed.events, ...client.liveProgress(operationId)]) {
    const seen = bySeq.get(e.seq);
    if (seen && seen.event !== e.event) throw new Error(`two different events with seq ${e.seq}: ${seen.event} and ${e.event}`);
    bySeq.set(e.seq, e);
  }
  const events = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const terminal = events.find((e) => isTerminal(e.event)) as ProgressEvent;
  const live = client.liveProgress(operationId);
  const terminalIndex = live.findIndex((e) => isTerminal(e.event));
  return { ack: subscribed, events, terminal, afterTerminal: terminalIndex < 0 ? [] : live.slice(terminalIndex + 1) };
}

/** The distinct stages the updates went through, in order. */
export function stagesOf(events: ProgressEvent[]): string[] {
  const stages: string[] = [];
  for (const e of events) {
    if (e.event !== 'progress.updated' || !e.stage) continue;
    if (stages.at(-1) !== e.stage) stages.push(e.stage);
  }
  return stages;
}

export interface HttpAnswer<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export async function postJson<T = Record<string, unknown>>(api: RunningApi, path: string, body: unknown, token?: string): Promise<HttpAnswer<T>> {
  const res = await fetch(`${api.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

export async function getJson<T = Record<string, unknown>>(api: RunningApi, path: string, token?: string): Promise<HttpAnswer<T>> {
  const res = await fetch(`${api.url}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  return { status: res.status, body: (await res.json()) as T };
}

export interface Started {
  success: true;
  message: string;
  data: { operationId: string; estimatedDuration: number };
}

/** Starts a demo operation and returns its id; throws with the answer when it was not 201. */
export async function startOperation(api: RunningApi, path: string, token: string, body: Record<string, unknown>): Promise<string> {
  const answer = await postJson<Started>(api, path, body, token);
  if (answer.status !== 201) throw new Error(`${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  return answer.body.data.operationId;
}

/** A user with a token and a connected socket. */
export async function signIn(api: RunningApi, user = freshUser()) {
  const token = await devToken(api.url, user);
  const client = await LiveClient.connect(api, token);
  return { ...user, token, client };
}
