import { applyEvent, isTerminalEvent, isTerminalStatus, type OperationSnapshot, type StoredEvent } from '@liveprogress/protocol';

/** What one input did to the timeline; the store turns it into state and notifications. */
export interface TimelineStep {
  /** Events applied, in seq order (each exactly once over the timeline's life). */
  applied: StoredEvent[];
  /** The snapshot changed (by events or by adopting an ack's snapshot). */
  changed: boolean;
  /** A live seq gap is held open: re-subscribe with `afterSeq = appliedSeq`. */
  gap: boolean;
}

export interface AckInput {
  snapshot: OperationSnapshot;
  events: readonly StoredEvent[];
}

/**
 * The pure ordering core of one watched operation (docs/protocol.md, From snapshot to live without a gap): holds live events
 * until an ack arrives, applies strictly by seq, drops duplicates, reports gaps,
 * and applies nothing after a terminal event. No I/O, so it is unit-tested alone.
 */
export class OperationTimeline {
  snapshot: OperationSnapshot | null = null;
  appliedSeq = 0;
  terminal = false;
  /** True between sending a (re)subscribe and applying its ack: live events are only held. */
  awaitingAck = true;
  readonly #held = new Map<number, StoredEvent>();

  /** Number of live events waiting for an ack or for a missing seq. */
  get heldCount(): number {
    return this.#held.size;
  }

  /**
   * Starts from a snapshot read elsewhere (a server-rendered page's): the first subscribe then
   * asks for the events after its seq, so none is missed or applied twice. Ignored once the
   * timeline has a snapshot of its own.
   */
  seed(snapshot: OperationSnapshot): boolean {
    if (this.snapshot) return false;
    this.#adopt(snapshot);
    return true;
  }

  /** A (re)subscribe was sent: hold live events until its ack. */
  beginSubscribe(): void {
    this.awaitingAck = true;
  }

  receiveLive(event: StoredEvent): TimelineStep {
    if (this.terminal || event.seq <= this.appliedSeq) return NOTHING;
    this.#held.set(event.seq, event);
    return this.awaitingAck ? NOTHING : this.#drain();
  }

  /** Applies a subscribe ack. Returns whether the local history is complete (no hole was papered over). */
  receiveAck(ack: AckInput): TimelineStep & { complete: boolean } {
    this.awaitingAck = false;
    const applied: StoredEvent[] = [];
    let complete = true;
    let adopted = false;
    // After a terminal state nothing applies: the last drain only lets go of what is held.
    if (!this.terminal) {
      for (const event of ack.events) {
        if (event.seq > this.appliedSeq && !this.#held.has(event.seq)) this.#held.set(event.seq, event);
      }
      const hadHistory = this.snapshot !== null;
      // Our own history first: held live events and the ack's replay may reach past the ack's snapshot.
      this.#drain(applied);
      if (!hadHistory || ack.snapshot.seq >= this.appliedSeq) {
        complete = !hadHistory || ack.snapshot.seq === this.appliedSeq;
        adopted = !this.snapshot || !sameSnapshot(this.snapshot, ack.snapshot);
        this.#adopt(adopted ? ack.snapshot : (this.snapshot as OperationSnapshot));
      }
    }
    return { ...this.#drain(applied, adopted), complete };
  }

  /**
   * A newer snapshot from a transport that carries no events (polling): adopted as
   * the truth; the events between are skipped, so nothing is `applied`.
   */
  receiveSnapshot(snapshot: OperationSnapshot): TimelineStep {
    if (this.terminal || this.awaitingAck || !this.snapshot || snapshot.seq <= this.appliedSeq) return NOTHING;
    this.#adopt(snapshot);
    return this.#drain([], true);
  }

  /** The connection dropped: held live events belong to a subscription that is gone. */
  reset(): void {
    this.#held.clear();
    this.awaitingAck = true;
  }

  #adopt(snapshot: OperationSnapshot): void {
    this.snapshot = snapshot;
    this.appliedSeq = snapshot.seq;
    this.terminal ||= isTerminalStatus(snapshot.status);
  }

  /**
   * Lets go of held events already covered (all of them after a terminal state), then applies the
   * held ones that follow `appliedSeq` in order, adding them to `applied`.
   */
  #drain(applied: StoredEvent[] = [], changed = false): TimelineStep {
    for (const seq of this.#held.keys()) if (this.terminal || seq <= this.appliedSeq) this.#held.delete(seq);
    let next: StoredEvent | undefined;
    while (this.snapshot && (next = this.#held.get(this.appliedSeq + 1))) {
      this.#held.delete(next.seq);
      this.snapshot = applyEvent(this.snapshot, next);
      this.appliedSeq = next.seq;
      applied.push(next);
      if (isTerminalEvent(next)) {
        this.terminal = true;
        this.#held.clear();
      }
    }
    return { applied, changed: changed || applied.length > 0, gap: this.#held.size > 0 };
  }
}

function sameSnapshot(a: OperationSnapshot, b: OperationSnapshot): boolean {
  return a.seq === b.seq && a.status === b.status && JSON.stringify(a) === JSON.stringify(b);
}

const NOTHING: TimelineStep = Object.freeze({ applied: [], changed: false, gap: false }) as TimelineStep;
