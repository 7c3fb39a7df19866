// The operator's drill of docs/scaling.md, "Failure modes": ten operations running across two
// gateway nodes and two publisher processes, each followed from a node other than its own, then
// a fault, then an account of how each ended. Shared by the Sentinel failover test and the long
// stall drill (drills/redis-stall.drill.ts).
import { randomUUID } from 'node:crypto';
import { type RunningApi, devToken, sleep } from '@liveprogress/test-support';
import { type Ack, LiveClient, type ProgressEvent, freshUser, isTerminal, startOperation } from './demo-client.js';
import { type PublisherProcess, startPublisher } from './publisher-process.js';

export interface DrillOptions {
  nodes: [RunningApi, RunningApi];
  /** What the nodes and the publishers connect to (a redis:// or a redis+sentinel:// URL). */
  redisUrl: string;
  leaseMs: number;
  /** How long each operation runs: longer than the fault and two leases after it. */
  durationMs: number;
}

export interface RunningDrill {
  token: string;
  clients: [LiveClient, LiveClient];
  operationIds: string[];
  /** Waits for every operation's end (as its follower hears it) and for the publishers to exit, then accounts for each. */
  outcome: (timeoutMs: number) => Promise<DrillOutcome>;
  close: () => void;
}

export interface DrillOutcome {
  /** Operations that completed, with one terminal event and contiguous `seq` in the replay from both nodes. */
  completed: number;
  /** Operations failed `PRODUCER_LOST` (or any other way): lost to the fault. */
  lost: Array<{ operationId: string; status: string; code: string | undefined; runBy: string }>;
  /** Replays whose `seq` was not 1..n, or that held other than one terminal event; live streams that heard other than one end. */
  broken: string[];
  /** Exit codes of the publisher processes. */
  publisherExits: Array<number | null>;
}

const eventsOf = (ack: Ack): ProgressEvent[] => (ack.ok ? ((ack as unknown as { events: ProgressEvent[] }).events ?? []) : []);

export async function startDrill({ nodes: [nodeA, nodeB], redisUrl, leaseMs, durationMs }: DrillOptions): Promise<RunningDrill> {
  const who = freshUser();
  const token = await devToken(nodeA.url, who);
  const onA = await LiveClient.connect(nodeA, token);
  const onB = await LiveClient.connect(nodeB, token);
  const intervalMs = 100;
  const publisherIds: string[] = [randomUUID(), randomUUID()];
  const publishers: PublisherProcess[] = publisherIds.map((operationId) =>
    startPublisher(redisUrl, {
      OPERATION_ID: operationId,
      USER_ID: who.userId,
      TENANT_ID: who.tenantId,
      PRODUCER_LEASE_MS: String(leaseMs),
      STEPS: String(Math.ceil(durationMs / intervalMs)),
      INTERVAL_MS: String(intervalMs),
    }),
  );
  await Promise.all(publishers.map((p) => p.started));
  const body = { simulate: { durationMs }, items: 20 };
  const fourOn = (api: RunningApi) => Promise.all([1, 2, 3, 4].map(() => startOperation(api, '/api/batch/process', token, body)));
  const [fromA, fromB] = await Promise.all([fourOn(nodeA), fourOn(nodeB)]);
  const follower = new Map<string, LiveClient>([
    ...fromA.map((id) => [id, onB] as const),
    ...fromB.map((id) => [id, onA] as const),
    [publisherIds[0] as string, onA],
    [publisherIds[1] as string, onB],
  ]);
  for (const [operationId, client] of follower) {
    const ack = await client.request('operation.subscribe', { operationId });
    if (!ack.ok) throw new Error(`subscribe to ${operationId} was refused: ${JSON.stringify(ack.error)}`);
  }

  const outcome = async (timeoutMs: number): Promise<DrillOutcome> => {
    const deadline = Date.now() + timeoutMs;
    const unheard: string[] = [];
    for (const [operationId, client] of follower) {
      try {
        await client.waitFor(
          (r) => isTerminal(r.event) && r.payload.operationId === operationId,
          Math.max(1, deadline - Date.now()),
          `the end of ${operationId}`,
        );
      } catch {
        // Not heard live: the replay below says whether it ended at all.
        unheard.push(operationId);
      }
    }
    const publisherExits = await Promise.all(publishers.map((p) => p.exited));
    await sleep(leaseMs * 2); // every node's sweeper has looked again: a wrong second end would show now
    const result: DrillOutcome = { completed: 0, lost: [], broken: [], publisherExits };
    for (const [operationId, client] of follower) {
      let terminal: ProgressEvent | undefined;
      for (const node of [onA, onB]) {
        const ack = await node.request('operation.subscribe', { operationId, afterSeq: 0 });
        const events = eventsOf(ack);
        const terminals = events.filter((e) => isTerminal(e.event));
        if (events.some((e, i) => e.seq !== i + 1) || terminals.length !== 1) {
          // What the node answered, so that a failure says which rule broke (a refusal, a hole, no end or two).
          const answer = ack.ok ? `seqs ${events.map((e) => e.seq).join(',') || 'none'}, ${terminals.length} terminal` : `refused ${JSON.stringify(ack.error)}`;
          result.broken.push(`${operationId}: replayed seq or terminal events from node ${node === onA ? 'A' : 'B'}: ${answer}`);
        }
        terminal = terminals[0];
      }
      const heard = client.liveProgress(operationId);
      const kind = publisherIds.includes(operationId) ? 'publisher' : fromA.includes(operationId) ? 'node A' : 'node B';
      if (heard.filter((e) => isTerminal(e.event)).length !== 1) {
        result.broken.push(
          `${operationId} (${kind}): ${unheard.includes(operationId) ? 'end not heard live' : 'heard live other than once'}; live seqs ${heard.map((e) => e.seq).join(',')}; replayed end ${terminal?.status ?? 'none'} at seq ${terminal?.seq ?? '-'}`,
        );
      }
      if (terminal?.status === 'completed') result.completed++;
      else {
        const code = (terminal as { error?: { code?: string } } | undefined)?.error?.code;
        result.lost.push({ operationId, status: terminal?.status ?? 'none', code, runBy: kind });
      }
    }
    return result;
  };

  return {
    token,
    clients: [onA, onB],
    operationIds: [...follower.keys()],
    outcome,
    close: () => {
      onA.close();
      onB.close();
      for (const p of publishers) p.child.kill('SIGKILL');
    },
  };
}
