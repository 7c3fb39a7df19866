import { isTerminalStatus, type OperationSnapshot, type StoredEvent } from '@liveprogress/protocol';
import type { LiveProgressClientError } from './errors.js';

/**
 * Where the client's server-side subscription to one operation stands. `lost`: the server no
 * longer has the operation for this caller (deleted, expired, or gone with a restarted
 * in-memory server: a subscribe answered NOT_FOUND, or `operation.deleted` arrived), so
 * nothing more will come for it; the last snapshot, if any, is kept for display only.
 */
export type SubscriptionStatus = 'idle' | 'subscribing' | 'subscribed' | 'resubscribing' | 'error' | 'lost';

/** What `operations.getSnapshot(id)` returns: immutable, same object until something changes. */
export interface OperationState {
  /** The contract's snapshot with every applied event folded in; null until the first ack. */
  readonly snapshot: OperationSnapshot | null;
  /** The latest applied event (its `event` field names it). */
  readonly lastEvent: StoredEvent | null;
  readonly error: LiveProgressClientError | null;
  readonly subscription: SubscriptionStatus;
  /** `recovered` of the last re-subscribe with afterSeq (false if a gap could not be filled); null before any. */
  readonly recovered: boolean | null;
  /** A terminal state was applied; nothing is applied after it. */
  readonly isTerminal: boolean;
  /** The operation is no longer available (`subscription === 'lost'`); `error` says why (code NOT_FOUND). */
  readonly isLost: boolean;
}

/** The state of an operation nobody watches; shared and frozen so its identity never changes. */
export const EMPTY_OPERATION_STATE: OperationState = Object.freeze({
  snapshot: null,
  lastEvent: null,
  error: null,
  subscription: 'idle',
  recovered: null,
  isTerminal: false,
  isLost: false,
});

/**
 * The state a server-rendered snapshot stands for before the client has subscribed
 * (docs/react.md, Server rendering): what the page shows during hydration, so the first HTML
 * and the first client render agree.
 */
export function initialOperationState(snapshot: OperationSnapshot): OperationState {
  return Object.freeze({ ...EMPTY_OPERATION_STATE, snapshot, isTerminal: isTerminalStatus(snapshot.status) });
}
