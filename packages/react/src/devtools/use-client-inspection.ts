import { inspectClient, type ClientInspection, type LiveProgressClient } from '@liveprogress/client';
import { useCallback, useSyncExternalStore } from 'react';

const NOTHING = (): (() => void) => () => undefined;
const NONE = (): null => null;

/** The client's inspection (`inspectClient(client)`), re-read at most once per frame; null while server rendering. */
export function useClientInspection(client: LiveProgressClient | null): ClientInspection | null {
  const subscribe = useCallback((listener: () => void) => (client ? inspectClient(client).subscribe(listener) : NOTHING()), [client]);
  const getSnapshot = useCallback(() => (client ? inspectClient(client).getSnapshot() : null), [client]);
  return useSyncExternalStore(subscribe, getSnapshot, NONE);
}
