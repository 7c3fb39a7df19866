import type { LiveProgressClientError } from './errors.js';
import type { TransportKind } from './transport.js';

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'unauthorized';

/** What `client.connection.getSnapshot()` returns: immutable, same object until something changes. */
export interface ConnectionState {
  readonly status: ConnectionStatus;
  /** Why we are not (cleanly) connected: the server's auth code, CONNECTION_FAILED, TOKEN_UNAVAILABLE… */
  readonly error: LiveProgressClientError | null;
  /** Failed attempts since the last successful connect. */
  readonly attempt: number;
  /** Epoch ms of the next scheduled attempt, null when none is scheduled. */
  readonly nextRetryAt: number | null;
  readonly socketId: string | null;
  /**
   * The transport the status describes: 'socket' (Socket.IO), 'sse' or 'polling'. The client always
   * sets it; it is optional only so states built by hand (an SSR placeholder, say) stay valid.
   */
  readonly transport?: TransportKind;
}

export const INITIAL_CONNECTION_STATE: ConnectionState = Object.freeze({
  status: 'idle',
  error: null,
  attempt: 0,
  nextRetryAt: null,
  socketId: null,
  transport: 'socket',
});

/** The idle state of one transport. */
export function initialStateOf(transport: TransportKind): ConnectionState {
  return Object.freeze({ ...INITIAL_CONNECTION_STATE, transport });
}
