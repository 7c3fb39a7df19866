import type { StoredEvent } from '@liveprogress/protocol';

/** Events that other processes store, heard by this one for the operations it streams. */
export interface EventRelay {
  /** Starts hearing an operation's events; returns the off-function. */
  watch(operationId: string, handler: (event: StoredEvent) => void): () => void;
  close(): Promise<void>;
}
