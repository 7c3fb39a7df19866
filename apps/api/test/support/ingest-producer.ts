// One producer posting its scripted events in order, each after the answer to the one
// before, and what it learned: which events were accepted (202) and which refused.
import type { IngestAnswer, IngestCluster, Route } from './ingest-cluster.js';
import { type IngestEvent, isTerminalIngest } from './ingest-model.js';

export interface ProducerRun {
  index: number;
  operationId: string;
  owner: { userId: string; tenantId: string };
  answers: IngestAnswer[];
  /** The events the store holds by the producer's account, in order: the input of the model fold. */
  accepted: IngestEvent[];
  /**
   * Events whose first attempt got no answer (its node was killed) and whose retry was
   * refused as already done — `OPERATION_EXISTS` for a start, `OPERATION_ENDED` for the
   * producer's first terminal event: the lost attempt was stored.
   */
  landedBeforeLostAnswer: IngestEvent[];
  /** Answers that break the ingest contract (docs/scaling.md, "HTTP ingest, for any language"). */
  problems: string[];
}

export interface ProducerPlan {
  index: number;
  operationId: string;
  owner: { userId: string; tenantId: string };
  events: IngestEvent[];
  route: Route;
}

/**
 * Posts every event of the plan. Before the operation ends each event must get 202;
 * after the accepted terminal event each must get 409 OPERATION_ENDED. `afterStart`
 * runs once the start was accepted, before anything else is sent (a follower subscribes there).
 */
export async function runProducer(cluster: IngestCluster, plan: ProducerPlan, afterStart?: () => Promise<void>): Promise<ProducerRun> {
  const run: ProducerRun = { ...plan, answers: [], accepted: [], landedBeforeLostAnswer: [], problems: [] };
  let ended = false;
  for (const event of plan.events) {
    const answer = await cluster.post(plan.operationId, event, plan.route);
    run.answers.push(answer);
    const lostFirst = answer.attempts.some((a) => a.outcome === 'network');
    const said = `${answer.status}${answer.code ? ` ${answer.code}` : ''}`;
    if (ended) {
      if (answer.status === 202) run.problems.push(`accepted (202) after the operation ended: ${JSON.stringify(event)}`);
      else if (answer.status !== 409 || answer.code !== 'OPERATION_ENDED')
        run.problems.push(`after the end, answered ${said} instead of 409 OPERATION_ENDED: ${JSON.stringify(event)}`);
      continue;
    }
    const landed =
      lostFirst &&
      answer.status === 409 &&
      ((event.type === 'start' && answer.code === 'OPERATION_EXISTS') || (isTerminalIngest(event) && answer.code === 'OPERATION_ENDED'));
    if (answer.status === 202 || landed) {
      run.accepted.push(event);
      if (landed) run.landedBeforeLostAnswer.push(event);
      if (isTerminalIngest(event)) ended = true;
      if (event.type === 'start' && afterStart) await afterStart();
    } else {
      run.problems.push(`answered ${said} while the operation was running: ${JSON.stringify(event)} (attempts ${JSON.stringify(answer.attempts)})`);
    }
  }
  return run;
}

/** The producer's history, one line per event: what it sent, where, and the answer. */
export function describeRun(run: ProducerRun): string {
  return run.answers
    .map(
      (a, i) =>
        `  ${String(i + 1).padStart(2)}. ${a.attempts.map((t) => `node${t.node}→${t.outcome}`).join(', ')}${a.code ? ` ${a.code}` : ''}  ${JSON.stringify(a.event)}`,
    )
    .join('\n');
}
