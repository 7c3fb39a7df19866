import { DEV, type LiveProgressClient } from '@liveprogress/client';
import { type Context, createContext, useContext } from 'react';

/** What `WebSocketProvider` shares with the hooks below it. */
export interface LiveProgressContextValue {
  /** `null` while server rendering: nothing connects there. */
  client: LiveProgressClient | null;
  /** Base URL that relative `apiEndpoint`s resolve against. */
  apiUrl: string | undefined;
  /** The bearer token for HTTP calls: the `token` prop or a fresh `getToken()`. */
  getAuthToken: () => Promise<string | undefined>;
}

// Kept on globalThis under a registered symbol (as react-redux does), so every entry of this package
// (the main one, ./devtools) and both of its builds (ESM, CommonJS) share the one context object.
const CONTEXT_KEY = Symbol.for('@liveprogress/react/context');
const registry = globalThis as { [CONTEXT_KEY]?: Context<LiveProgressContextValue | null> };

export const LiveProgressContext: Context<LiveProgressContextValue | null> = (registry[CONTEXT_KEY] ??= createContext<LiveProgressContextValue | null>(null));

export function useLiveProgressContext(hook: string): LiveProgressContextValue {
  const value = useContext(LiveProgressContext);
  if (!value) {
    throw new Error(
      DEV
        ? `${hook} must be called inside <WebSocketProvider>: wrap your app (e.g. app/layout.tsx) in it`
        : `${hook}: no <WebSocketProvider>, see docs/react.md`,
    );
  }
  return value;
}
