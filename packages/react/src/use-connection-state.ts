import type { ConnectionState, LiveProgressClient } from '@liveprogress/client';
import { useCallback, useSyncExternalStore } from 'react';

/** What every component sees before the provider has a client (and during server rendering). */
const NOT_CONNECTED: ConnectionState = Object.freeze({
  status: 'idle',
  error: null,
  attempt: 0,
  nextRetryAt: null,
  socketId: null,
});

const serverSnapshot = (): ConnectionState => NOT_CONNECTED;

/** The provider's connection state; re-renders only when it changes. */
export function useConnectionState(client: LiveProgressClient | null): ConnectionState {
  const subscribe = useCallback((listener: () => void) => client?.connection.subscribe(listener) ?? (() => undefined), [client]);
  const getSnapshot = useCallback(() => client?.connection.getSnapshot() ?? NOT_CONNECTED, [client]);
  return useSyncExternalStore(subscribe, getSnapshot, serverSnapshot);
}
