import type { LiveProgressError } from './errors.js';

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'unauthorized';

/** What `client.connection.getSnapshot()` returns: immutable, same object until something changes. */
export interface ConnectionState {
  readonly status: ConnectionStatus;
  /** Why we are not (cleanly) connected: the server's auth code, CONNECTION_FAILED, TOKEN_UNAVAILABLE… */
  readonly error: LiveProgressError | null;
  /** Failed attempts since the last successful connect. */
  readonly attempt: number;
  /** Epoch ms of the next scheduled attempt, null when none is scheduled. */
  readonly nextRetryAt: number | null;
  readonly socketId: string | null;
}

export const INITIAL_CONNECTION_STATE: ConnectionState = Object.freeze({
  status: 'idle',
  error: null,
  attempt: 0,
  nextRetryAt: null,
  socketId: null,
});
