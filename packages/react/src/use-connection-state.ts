import type { ConnectionState, ConnectionStatus, LiveProgressClient } from '@liveprogress/client';
import { useCallback, useSyncExternalStore } from 'react';

/** What every component sees before the provider has a client (and during server rendering). */
const NOT_CONNECTED: ConnectionState = /* @__PURE__ */ Object.freeze({
  status: 'idle',
  error: null,
  attempt: 0,
  nextRetryAt: null,
  socketId: null,
});

const serverSnapshot = (): ConnectionState => NOT_CONNECTED;
const serverStatus = (): ConnectionStatus => 'idle';

function useConnectionSubscribe(client: LiveProgressClient | null): (listener: () => void) => () => void {
  return useCallback((listener: () => void) => client?.connection.subscribe(listener) ?? (() => undefined), [client]);
}

/** The provider's whole connection state (retries, errors…); re-renders on any change of it. */
export function useConnectionState(client: LiveProgressClient | null): ConnectionState {
  const getSnapshot = useCallback(() => client?.connection.getSnapshot() ?? NOT_CONNECTED, [client]);
  return useSyncExternalStore(useConnectionSubscribe(client), getSnapshot, serverSnapshot);
}

/** Only the connection status: re-renders when it changes, not on every retry or timer. */
export function useConnectionStatus(client: LiveProgressClient | null): ConnectionStatus {
  const getSnapshot = useCallback(() => client?.connection.getSnapshot().status ?? 'idle', [client]);
  return useSyncExternalStore(useConnectionSubscribe(client), getSnapshot, serverStatus);
}
