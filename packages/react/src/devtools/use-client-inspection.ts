import type { ClientInspection, LiveProgressClient } from '@liveprogress/client';
import { useCallback, useSyncExternalStore } from 'react';

const NOTHING = (): (() => void) => () => undefined;
const NONE = (): null => null;

/** The client's inspection (`client.inspect()`), re-read at most once per frame; null while server rendering. */
export function useClientInspection(client: LiveProgressClient | null): ClientInspection | null {
  const subscribe = useCallback((listener: () => void) => (client ? client.inspector.subscribe(listener) : NOTHING()), [client]);
  const getSnapshot = useCallback(() => (client ? client.inspect() : null), [client]);
  return useSyncExternalStore(subscribe, getSnapshot, NONE);
}
