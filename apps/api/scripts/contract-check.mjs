#!/usr/bin/env node
// An independent client of the LiveProgress wire contract (PROTOCOL.md), written from the
// contract alone: socket.io-client, jsonwebtoken and Node's own fetch, nothing from this repo.
//
//   API_URL=http://127.0.0.1:3001 JWT_SECRET=... node scripts/contract-check.mjs
//
// It signs its own tokens, starts an operation through the demo API, follows it over
// Socket.IO, prints one line per check and exits 1 if any check failed.
import { randomUUID } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { io } from 'socket.io-client';

const API_URL = process.env.API_URL;
const JWT_SECRET = process.env.JWT_SECRET;
const TIMEOUT_MS = 20_000;
const QUIET_MS = 1_000;

if (!API_URL || !JWT_SECRET) {
  console.error('usage: API_URL=http://127.0.0.1:3001 JWT_SECRET=<the API secret> node scripts/contract-check.mjs');
  process.exit(2);
}

const results = [];

function check(name, ok, detail) {
  results.push({ name, ok: Boolean(ok) });
  console.log(`${ok ? 'PASS' : 'FAIL'}  ${name}${!ok && detail ? `\n      ${detail}` : ''}`);
  return Boolean(ok);
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/** A connect_error as text: the refusal code when the server refused, the transport error when it was not reached. */
const describeError = (error) =>
  error?.data ? `${error.message} ${JSON.stringify(error.data)}` : `${error?.message ?? error} (is API_URL a LiveProgress server?)`;
const short = () => randomUUID().slice(0, 8);

/** §2: HS256, `sub` = user, `tenantId` = tenant, `roles` an array of strings, and an `exp`. */
function signToken(userId, tenantId) {
  return jwt.sign({ sub: userId, tenantId, roles: [] }, JWT_SECRET, { algorithm: 'HS256', expiresIn: 600 });
}

/** Resolves with the connected socket, or with the refusal (`connect_error`). */
function connect(token) {
  const socket = io(API_URL, { ...(token ? { auth: { token } } : {}), reconnection: false, forceNew: true, timeout: 5_000 });
  return new Promise((resolve) => {
    socket.once('connect', () => resolve({ socket }));
    socket.once('connect_error', (error) => {
      socket.close();
      resolve({ error });
    });
  });
}

/** §5: every request takes an ack, `{ ok: true, … }` or `{ ok: false, error: { code, message } }`. */
async function request(socket, event, payload) {
  try {
    return await socket.timeout(5_000).emitWithAck(event, payload);
  } catch (error) {
    return { ok: false, error: { code: 'NO_ACK', message: String(error?.message ?? error) } };
  }
}

function waitUntil(predicate, timeoutMs) {
  return new Promise((resolve) => {
    const started = Date.now();
    const poll = () => {
      if (predicate()) return resolve(true);
      if (Date.now() - started > timeoutMs) return resolve(false);
      setTimeout(poll, 20);
    };
    poll();
  });
}

const PROGRESS_EVENTS = ['progress.updated', 'progress.completed', 'progress.failed'];
const isTerminal = (name) => name === 'progress.completed' || name === 'progress.failed';

async function main() {
  const tenantId = `contract-${short()}`;
  const userId = `user-${short()}`;
  const token = signToken(userId, tenantId);
  // Same user id, other tenant: only the tenant may tell them apart.
  const foreignToken = signToken(userId, `${tenantId}-elsewhere`);

  // --- §2: refusal and acceptance on connect
  const anonymous = await connect(undefined);
  check(
    'a connection without a token is refused with "unauthorized" / TOKEN_MISSING',
    anonymous.error?.message === 'unauthorized' && anonymous.error?.data?.code === 'TOKEN_MISSING',
    anonymous.error ? `got ${describeError(anonymous.error)}` : 'it connected',
  );
  const owner = await connect(token);
  if (!check('a self-signed token of the API secret connects', owner.socket, owner.error && describeError(owner.error))) return;
  const socket = owner.socket;

  // Live events are recorded from before the subscribe, as the contract's handoff requires.
  const live = [];
  for (const name of PROGRESS_EVENTS) socket.on(name, (payload) => live.push({ event: name, ...payload, receivedAt: Date.now() }));

  // --- §8: start an operation through the demo API
  const res = await fetch(`${API_URL}/api/my-operations`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ name: 'contract check', simulate: { durationMs: 600 } }),
  });
  const started = await res.json().catch(() => null);
  const operationId = started?.data?.operationId;
  if (
    !check(
      'POST /api/my-operations answers 201 { success, message, data: { operationId, estimatedDuration } }',
      res.status === 201 &&
        started?.success === true &&
        started?.message === 'Operation started' &&
        typeof operationId === 'string' &&
        operationId.length >= 1 &&
        operationId.length <= 128 &&
        typeof started?.data?.estimatedDuration === 'number',
      `got ${res.status} ${JSON.stringify(started)}`,
    )
  )
    return;

  // --- §5: subscribe from the start; the ack's replay and the live stream together hold every seq
  const ack = await request(socket, 'operation.subscribe', { operationId, afterSeq: 0 });
  const ackOk = check(
    'operation.subscribe acks { ok: true, snapshot, events, recovered: true }',
    ack?.ok === true && ack.snapshot?.operationId === operationId && Array.isArray(ack.events) && ack.recovered === true,
    JSON.stringify(ack).slice(0, 300),
  );
  if (!ackOk) return;

  // Apply as a client does: the ack's events, then held live events, by seq, dropping duplicates.
  const applied = [];
  const gaps = [];
  const apply = (e) => {
    const last = applied.at(-1)?.seq ?? 0;
    if (e.seq <= last) return;
    if (e.seq !== last + 1) gaps.push(`expected seq ${last + 1}, got ${e.seq}`);
    applied.push(e);
  };
  for (const e of ack.events) apply(e);
  let consumed = 0;
  const drain = () => {
    const fresh = live.slice(consumed).sort((a, b) => a.seq - b.seq);
    consumed = live.length;
    for (const e of fresh) if (e.operationId === operationId) apply(e);
  };
  drain();
  const ended = await waitUntil(() => {
    drain();
    return applied.some((e) => isTerminal(e.event));
  }, TIMEOUT_MS);
  check('the operation reaches a terminal event', ended, `applied seqs: ${applied.map((e) => e.seq).join(',')}`);
  await sleep(QUIET_MS);
  drain();

  const seqs = applied.map((e) => e.seq);
  check(
    'seq starts at 1 and rises by one per event with no gap (ack replay + live)',
    seqs.length > 0 && seqs.every((s, i) => s === i + 1) && gaps.length === 0,
    `seqs: ${seqs.join(',')}${gaps.length ? `; gaps: ${gaps.join('; ')}` : ''}`,
  );
  const everything = [...ack.events, ...live.filter((e) => e.operationId === operationId)];
  const terminalSeqs = new Set(everything.filter((e) => isTerminal(e.event)).map((e) => e.seq));
  const terminal = applied.find((e) => isTerminal(e.event));
  check(
    'exactly one terminal event, progress.completed with status "completed" and progress 100',
    terminalSeqs.size === 1 && terminal?.event === 'progress.completed' && terminal.status === 'completed' && terminal.progress === 100,
    `terminal seqs: ${[...terminalSeqs].join(',')}; terminal: ${JSON.stringify(terminal)}`,
  );
  // Nothing with a later seq, and nothing at all on the live stream once the terminal event arrived.
  const liveOfOperation = live.filter((e) => e.operationId === operationId);
  const terminalIndex = liveOfOperation.findIndex((e) => isTerminal(e.event));
  const after = [...everything.filter((e) => terminal && e.seq > terminal.seq), ...(terminalIndex >= 0 ? liveOfOperation.slice(terminalIndex + 1) : [])];
  check(
    `nothing follows the terminal event (watched ${QUIET_MS} ms more)`,
    terminal && after.length === 0 && terminal.seq === Math.max(...seqs),
    `after the terminal: ${JSON.stringify(after).slice(0, 300)}`,
  );
  const progress = applied.map((e) => e.progress);
  check(
    'progress stays within 0–100 and never decreases',
    progress.every((p, i) => typeof p === 'number' && p >= 0 && p <= 100 && (i === 0 || p >= progress[i - 1])),
    `progress: ${progress.join(',')}`,
  );
  const late = await request(socket, 'operation.subscribe', { operationId });
  check(
    'a later subscribe returns the terminal snapshot with the same seq',
    late?.ok === true && late.snapshot?.status === 'completed' && late.snapshot?.progress === 100 && late.snapshot?.seq === terminal?.seq,
    JSON.stringify(late?.snapshot ?? late).slice(0, 300),
  );

  // --- §6: another tenant never sees it, and cannot tell it from a missing one
  const foreign = await connect(foreignToken);
  if (check('a token of another tenant connects', foreign.socket, foreign.error && describeError(foreign.error))) {
    const refused = await request(foreign.socket, 'operation.subscribe', { operationId });
    check(
      'a token of another tenant gets NOT_FOUND on operation.subscribe',
      refused?.ok === false && refused.error?.code === 'NOT_FOUND',
      JSON.stringify(refused),
    );
    const missing = await request(foreign.socket, 'operation.subscribe', { operationId: `missing-${short()}` });
    check('an unknown operation gets the same NOT_FOUND', missing?.ok === false && missing.error?.code === 'NOT_FOUND', JSON.stringify(missing));
    foreign.socket.close();
  }
  socket.close();
}

const watchdog = setTimeout(() => {
  check(`finished within ${TIMEOUT_MS * 2} ms`, false, 'the checks hung');
  process.exit(1);
}, TIMEOUT_MS * 2);
watchdog.unref();

try {
  await main();
} catch (error) {
  check('ran without an unexpected error', false, error?.stack ?? String(error));
}
const failed = results.filter((r) => !r.ok).length;
console.log(`\n${results.length - failed} of ${results.length} checks passed`);
process.exit(failed === 0 ? 0 : 1);
