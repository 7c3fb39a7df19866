// Several demo API nodes seen the way a load balancer sees them: a producer's request goes
// to one of them, and one that fails at the network level (a killed node) is retried on
// another, as a load balancer would, with the same event.
import type { RunningApi } from '@liveprogress/test-support';
import type { IngestEvent } from './ingest-model.js';

export interface IngestAttempt {
  node: number;
  /** The HTTP status, or `network` when the request never got an answer. */
  outcome: number | 'network';
}

export interface IngestAnswer {
  event: IngestEvent;
  status: number | 'network';
  code: string | null;
  attempts: IngestAttempt[];
}

/** Chooses the node for an attempt, given the nodes this event already failed on. */
export type Route = (tried: ReadonlySet<number>) => number;

export class IngestCluster {
  readonly killed = new Set<number>();
  requests = 0;
  networkFailures = 0;

  constructor(
    readonly nodes: readonly RunningApi[],
    private readonly ingestToken: string,
  ) {}

  /** Nodes not killed by the test, for what a test reads back. */
  liveIndexes(): number[] {
    return this.nodes.map((_, i) => i).filter((i) => !this.killed.has(i));
  }

  kill(index: number): void {
    this.killed.add(index);
    this.nodes[index]?.process.kill('SIGKILL');
  }

  /** Posts one event, retrying on other nodes while requests fail at the network level. */
  async post(operationId: string, event: IngestEvent, route: Route): Promise<IngestAnswer> {
    const attempts: IngestAttempt[] = [];
    const tried = new Set<number>();
    while (tried.size < this.nodes.length) {
      const node = route(tried);
      tried.add(node);
      this.requests++;
      try {
        const res = await fetch(`${this.nodes[node]!.url}/api/v1/operations/${encodeURIComponent(operationId)}/events`, {
          method: 'POST',
          headers: { authorization: `Bearer ${this.ingestToken}`, 'content-type': 'application/json' },
          body: JSON.stringify(event),
          signal: AbortSignal.timeout(15_000),
        });
        const body = (await res.json().catch(() => ({}))) as { error?: { code?: string } };
        attempts.push({ node, outcome: res.status });
        return { event, status: res.status, code: body.error?.code ?? null, attempts };
      } catch {
        this.networkFailures++;
        attempts.push({ node, outcome: 'network' });
      }
    }
    return { event, status: 'network', code: null, attempts };
  }
}

/** A random node, other than those already tried, for every request: no stickiness. */
export function randomRoute(random: () => number, nodeCount: number): Route {
  return (tried) => {
    const open = Array.from({ length: nodeCount }, (_, i) => i).filter((i) => !tried.has(i));
    return open[Math.floor(random() * open.length)] as number;
  };
}

/** One node for all of an operation's requests, chosen at random once; moved to another only when it fails. */
export function stickyRoute(random: () => number, nodeCount: number): Route {
  const anyOpen = randomRoute(random, nodeCount);
  let home = anyOpen(new Set());
  return (tried) => {
    if (!tried.has(home)) return home;
    home = anyOpen(tried);
    return home;
  };
}
