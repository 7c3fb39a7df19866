import { describe, expect, it } from 'vitest';
import { OperationTimeline } from '../src/index.js';
import { completed, failed, snapshot, updated } from './helpers/fixtures.js';

const seqs = (events: { seq: number }[]) => events.map((event) => event.seq);

describe('OperationTimeline', () => {
  it('holds live events that arrive before the ack and applies the ones after the snapshot', () => {
    const timeline = new OperationTimeline();
    expect(timeline.receiveLive(updated(3)).applied).toEqual([]);
    expect(timeline.receiveLive(updated(4)).applied).toEqual([]);
    expect(timeline.heldCount).toBe(2);
    const step = timeline.receiveAck({ snapshot: snapshot({ seq: 3, progress: 3 }), events: [] });
    expect(seqs(step.applied)).toEqual([4]);
    expect(timeline.appliedSeq).toBe(4);
    expect(timeline.snapshot?.progress).toBe(4);
    expect(step.gap).toBe(false);
  });

  it('drops duplicates and anything at or below the applied seq', () => {
    const timeline = new OperationTimeline();
    timeline.receiveAck({ snapshot: snapshot({ seq: 5 }), events: [] });
    expect(timeline.receiveLive(updated(5))).toMatchObject({ applied: [], gap: false });
    expect(timeline.receiveLive(updated(2))).toMatchObject({ applied: [], gap: false });
    expect(timeline.heldCount).toBe(0);
    expect(seqs(timeline.receiveLive(updated(6)).applied)).toEqual([6]);
    expect(timeline.receiveLive(updated(6)).applied).toEqual([]);
    expect(timeline.appliedSeq).toBe(6);
  });

  it('applies events strictly in seq order and reports a gap until it is filled', () => {
    const timeline = new OperationTimeline();
    timeline.receiveAck({ snapshot: snapshot({ seq: 1 }), events: [] });
    const early = timeline.receiveLive(updated(3));
    expect(early.applied).toEqual([]);
    expect(early.gap).toBe(true);
    // The store answers the gap with a re-subscribe: the ack's events fill the hole.
    timeline.beginSubscribe();
    const step = timeline.receiveAck({ snapshot: snapshot({ seq: 3, progress: 3 }), events: [updated(2), updated(3)] });
    expect(seqs(step.applied)).toEqual([2, 3]);
    expect(step.complete).toBe(true);
    expect(step.gap).toBe(false);
  });

  it('merges overlapping ack events with held live events without applying any twice', () => {
    const timeline = new OperationTimeline();
    timeline.receiveAck({ snapshot: snapshot({ seq: 2 }), events: [] });
    timeline.reset(); // connection dropped
    timeline.beginSubscribe();
    timeline.receiveLive(updated(4));
    timeline.receiveLive(updated(5));
    const step = timeline.receiveAck({ snapshot: snapshot({ seq: 4, progress: 4 }), events: [updated(3), updated(4)] });
    expect(seqs(step.applied)).toEqual([3, 4, 5]);
    expect(timeline.appliedSeq).toBe(5);
  });

  it('adopts the ack snapshot and reports an incomplete history when events cannot bridge the gap', () => {
    const timeline = new OperationTimeline();
    timeline.receiveAck({ snapshot: snapshot({ seq: 2 }), events: [] });
    timeline.beginSubscribe();
    const step = timeline.receiveAck({ snapshot: snapshot({ seq: 90, progress: 90 }), events: [updated(60)] });
    expect(step.complete).toBe(false);
    expect(timeline.appliedSeq).toBe(90);
    expect(timeline.snapshot?.progress).toBe(90);
  });

  it('applies exactly one terminal event and nothing after it', () => {
    const timeline = new OperationTimeline();
    timeline.receiveAck({ snapshot: snapshot({ seq: 1 }), events: [] });
    const step = timeline.receiveLive(completed(2));
    expect(seqs(step.applied)).toEqual([2]);
    expect(timeline.terminal).toBe(true);
    expect(timeline.snapshot?.status).toBe('completed');
    expect(timeline.snapshot?.progress).toBe(100);
    expect(timeline.receiveLive(failed(3)).applied).toEqual([]);
    expect(timeline.receiveLive(updated(3)).applied).toEqual([]);
    expect(timeline.snapshot?.status).toBe('completed');
  });

  it('treats an ack whose snapshot is already terminal as the end', () => {
    const timeline = new OperationTimeline();
    timeline.receiveLive(updated(8));
    timeline.receiveAck({ snapshot: snapshot({ seq: 7, status: 'failed', error: { message: 'x' } }), events: [] });
    expect(timeline.terminal).toBe(true);
    expect(timeline.heldCount).toBe(0);
    expect(timeline.receiveLive(updated(8)).applied).toEqual([]);
  });

  it('stops at a terminal event even when later events were held', () => {
    const timeline = new OperationTimeline();
    timeline.receiveLive(failed(2));
    timeline.receiveLive(updated(3));
    const step = timeline.receiveAck({ snapshot: snapshot({ seq: 1 }), events: [] });
    expect(seqs(step.applied)).toEqual([2]);
    expect(timeline.snapshot?.status).toBe('failed');
    expect(timeline.snapshot?.progress).toBe(40);
    expect(timeline.snapshot?.error?.message).toBe('boom');
  });

  it('keeps its snapshot object when a re-subscribe ack says nothing new', () => {
    const timeline = new OperationTimeline();
    const first = snapshot({ seq: 3 });
    timeline.receiveAck({ snapshot: first, events: [] });
    timeline.beginSubscribe();
    const step = timeline.receiveAck({ snapshot: { ...first }, events: [] });
    expect(step.changed).toBe(false);
    expect(timeline.snapshot).toBe(first);
  });

  it('adopts a newer polled snapshot as the truth without applying events, and stops at a terminal one', () => {
    const timeline = new OperationTimeline();
    timeline.receiveAck({ snapshot: snapshot({ seq: 2 }), events: [] });
    const step = timeline.receiveSnapshot(snapshot({ seq: 7, progress: 70 }));
    expect(step).toEqual({ applied: [], changed: true, gap: false });
    expect(timeline.appliedSeq).toBe(7);
    expect(timeline.snapshot?.progress).toBe(70);
    const done = timeline.receiveSnapshot(snapshot({ seq: 9, status: 'completed', progress: 100 }));
    expect(done.changed).toBe(true);
    expect(timeline.terminal).toBe(true);
    expect(timeline.receiveSnapshot(snapshot({ seq: 10, progress: 5 })).changed).toBe(false);
    expect(timeline.snapshot?.seq).toBe(9);
  });

  it('ignores a polled snapshot that is not newer, or that arrives while a subscribe ack is awaited', () => {
    const timeline = new OperationTimeline();
    expect(timeline.receiveSnapshot(snapshot({ seq: 3 })).changed).toBe(false); // no ack yet
    timeline.receiveAck({ snapshot: snapshot({ seq: 5 }), events: [] });
    expect(timeline.receiveSnapshot(snapshot({ seq: 5, progress: 99 })).changed).toBe(false);
    expect(timeline.receiveSnapshot(snapshot({ seq: 4 })).changed).toBe(false);
    timeline.beginSubscribe();
    expect(timeline.receiveSnapshot(snapshot({ seq: 8 })).changed).toBe(false);
    expect(timeline.appliedSeq).toBe(5);
  });
});
