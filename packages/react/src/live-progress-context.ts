import type { LiveProgressClient } from '@liveprogress/client';
import { createContext, useContext } from 'react';
import type { TableRefreshRelay } from './table-refresh-relay.js';

/** What `WebSocketProvider` shares with the hooks below it. */
export interface LiveProgressContextValue {
  /** `null` while server rendering: nothing connects there. */
  client: LiveProgressClient | null;
  /** Base URL that relative `apiEndpoint`s resolve against. */
  apiUrl: string | undefined;
  /** The bearer token for HTTP calls: the `token` prop or a fresh `getToken()`. */
  getAuthToken: () => Promise<string | undefined>;
  tables: TableRefreshRelay;
}

export const LiveProgressContext = createContext<LiveProgressContextValue | null>(null);

export function useLiveProgressContext(hook: string): LiveProgressContextValue {
  const value = useContext(LiveProgressContext);
  if (!value) throw new Error(`${hook} must be called inside <WebSocketProvider>: wrap your app (e.g. app/layout.tsx) in it`);
  return value;
}
