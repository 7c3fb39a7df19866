// A client following one operation over Socket.IO from its start, and the check that what it
// saw is the contract's: seq 1, 2, 3… with no gap, and exactly one terminal event, last, when
// the operation ended (docs/protocol.md, "The snapshot"; docs/scaling.md on seq across nodes).
import { type RunningApi, devToken, sleep, until } from '@liveprogress/test-support';
import { type Ack, LiveClient, type ProgressEvent, isTerminal } from './demo-client.js';

export interface SeqFollower {
  operationId: string;
  /** The node it is connected to. */
  node: string;
  client: LiveClient;
  /** The events the subscribe ack replayed (none when it came before the first event). */
  replayed: ProgressEvent[];
}

/**
 * Subscribes from seq 0. The start is answered before its operation is stored
 * (docs/scaling.md, "HTTP ingest"), so a NOT_FOUND right after it is retried briefly.
 */
export async function followFromStart(node: RunningApi, owner: { userId: string; tenantId: string }, operationId: string): Promise<SeqFollower> {
  const client = await LiveClient.connect(node, await devToken(node.url, owner));
  let ack: Ack | undefined;
  await until(
    async () => {
      ack = await client.request('operation.subscribe', { operationId, afterSeq: 0 });
      return ack.ok || ack.error.code !== 'NOT_FOUND';
    },
    `a subscription to ${operationId}`,
    5000,
  );
  if (!ack?.ok) throw new Error(`subscribe was refused: ${JSON.stringify(ack)}`);
  return { operationId, node: node.url, client, replayed: (ack as unknown as { events: ProgressEvent[] }).events ?? [] };
}

/** What the follower saw that breaks the contract, given the stored snapshot's seq and whether it ended. */
export async function followerProblems(follower: SeqFollower, storedSeq: number, ended: boolean): Promise<string[]> {
  const { client, operationId } = follower;
  const heard = () => [...follower.replayed, ...client.liveProgress(operationId)];
  try {
    if (storedSeq > 0) await until(() => heard().some((e) => e.seq >= storedSeq), `seq ${storedSeq} of ${operationId} at its follower`, 5000);
  } catch (err) {
    return [String(err)];
  }
  await sleep(300); // nothing may follow
  const problems: string[] = [];
  const live = client.liveProgress(operationId).map((e) => e.seq);
  if (live.some((seq, i) => i > 0 && seq <= (live[i - 1] as number))) problems.push(`live events out of seq order: ${live.join(',')}`);
  const bySeq = new Map<number, ProgressEvent>();
  for (const e of heard()) {
    const seen = bySeq.get(e.seq);
    if (seen && seen.event !== e.event) problems.push(`two different events with seq ${e.seq}: ${seen.event} and ${e.event}`);
    bySeq.set(e.seq, e);
  }
  const seqs = [...bySeq.keys()].sort((a, b) => a - b);
  const contiguous = seqs.map((_, i) => i + 1);
  if (seqs.join(',') !== contiguous.join(',') || seqs.length !== storedSeq) {
    problems.push(`seqs seen ${seqs.join(',')}, expected 1..${storedSeq} with no gap`);
  }
  const terminals = seqs.filter((seq) => isTerminal((bySeq.get(seq) as ProgressEvent).event));
  if (ended && (terminals.length !== 1 || terminals[0] !== seqs.at(-1)))
    problems.push(`terminal events at seq ${terminals.join(',') || 'none'}, expected one, last`);
  if (!ended && terminals.length > 0) problems.push(`terminal events at seq ${terminals.join(',')} for an operation still running`);
  return problems;
}
