import { LiveProgressClient, type LiveProgressClientOptions, type TransportFallback } from '@liveprogress/client';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { resolveSocketUrl, toHttpUrl } from './default-urls.js';
import { LiveProgressContext, type LiveProgressContextValue } from './live-progress-context.js';
import { showToast, toSystemToast, type ToastEvent } from './toasts.js';
import { useLatest } from './use-latest.js';

/** Client options the provider passes through; it owns `url`, the token and connecting. */
export type ProviderClientOptions = Omit<LiveProgressClientOptions, 'url' | 'token' | 'getToken' | 'autoConnect'>;

export interface WebSocketProviderProps {
  children?: ReactNode;
  /** Socket.IO server URL; defaults to `NEXT_PUBLIC_WS_URL`, else the page's origin. */
  url?: string;
  /** Base URL for relative `apiEndpoint`s of `useLiveOperation`; defaults to `url` (ws→http). */
  apiUrl?: string;
  /** A JWT. While it is missing (signed out) the provider waits instead of connecting. */
  token?: string | null;
  /** Called for a fresh JWT before every (re)connect, before expiry, and for HTTP calls; wins over `token`. */
  getToken?: () => string | Promise<string>;
  /** Connect as soon as there is a token (default true). */
  autoConnect?: boolean;
  /** Show `platform.system.alert` toasts with sonner (default true). */
  systemToasts?: boolean;
  /** Takes over showing system alerts (sonner is then not called). */
  onToast?: (toast: ToastEvent) => void;
  /**
   * Where to go when Socket.IO cannot connect at all: `httpFallback()` from `@liveprogress/react/fallback`
   * (SSE, then polling; docs/react.md, When WebSockets are blocked). Without it only the socket is used,
   * and the SSE and polling code is not in the app's bundle. Read when the client is created.
   */
  fallback?: TransportFallback;
  /** Passed to the `LiveProgressClient` the provider creates. */
  clientOptions?: ProviderClientOptions;
  /** Use this client instead of creating one; the provider then never connects, disconnects or closes it. */
  client?: LiveProgressClient;
}

interface OwnedClient {
  url: string | undefined;
  client: LiveProgressClient | null;
}

/**
 * One connection for everything below it. The client is created in the browser only
 * (never during server rendering) and connected in an effect, so rendering on the
 * server touches no `window` and opens no socket.
 */
export function WebSocketProvider(props: WebSocketProviderProps): ReactNode {
  const { children, autoConnect = true, systemToasts = true, getToken, token } = props;
  const url = resolveSocketUrl(props.url);
  const latest = useLatest(props);

  const create = (forUrl: string | undefined): OwnedClient => ({
    url: forUrl,
    client:
      props.client || !forUrl || typeof window === 'undefined'
        ? null
        : new LiveProgressClient({
            ...props.clientOptions,
            ...(props.fallback ? { fallback: props.fallback } : {}),
            url: forUrl,
            autoConnect: false,
            ...(getToken ? { getToken: () => latest.current.getToken?.() ?? '' } : token ? { token } : {}),
          }),
  });
  const [owned, setOwned] = useState(() => create(url));
  if (owned.url !== url) setOwned(create(url));
  const client = props.client ?? owned.client;
  const ownsClient = !props.client && client !== null;

  // Close a client only once it is really gone. StrictMode unmounts and remounts in the
  // same task, so the microtask finds it current again and keeps it (and every watch on it).
  const current = useRef<LiveProgressClient | null>(null);
  useEffect(() => {
    if (!ownsClient || !client) return;
    current.current = client;
    return () => {
      current.current = null;
      queueMicrotask(() => {
        if (current.current !== client) client.close();
      });
    };
  }, [client, ownsClient]);

  // A static token that changes (sign-in, renewal) goes to the client before it connects.
  const sentToken = useRef(token);
  useEffect(() => {
    if (!ownsClient || !client || getToken || !token || token === sentToken.current) return;
    sentToken.current = token;
    client.setToken(token).catch(() => undefined);
  }, [client, ownsClient, getToken, token]);

  const canConnect = autoConnect && (getToken !== undefined || Boolean(token));
  useEffect(() => {
    if (!ownsClient || !client || !canConnect) return;
    client.connect();
    return () => client.disconnect();
  }, [client, ownsClient, canConnect]);

  useEffect(() => {
    if (!client || !systemToasts) return;
    return client.onEvent('platform.system.alert', (payload) => {
      const toast = toSystemToast(payload);
      if (toast) (latest.current.onToast ?? showToast)(toast);
    });
  }, [client, systemToasts, latest]);

  const apiUrl = props.apiUrl ?? (url ? toHttpUrl(url) : undefined);
  const value = useMemo<LiveProgressContextValue>(
    () => ({
      client,
      apiUrl,
      getAuthToken: async () => {
        const { getToken: fresh, token: fixed } = latest.current;
        return fresh ? await fresh() : (fixed ?? undefined);
      },
    }),
    [client, apiUrl, latest],
  );
  return <LiveProgressContext.Provider value={value}>{children}</LiveProgressContext.Provider>;
}
