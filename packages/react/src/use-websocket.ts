import type { ActiveSubscriptions, ConnectionState, ConnectionStatus, LiveProgressClient } from '@liveprogress/client';
import type { TableRefreshPayload } from '@liveprogress/protocol';
import { useMemo } from 'react';
import { useLiveProgressContext } from './live-progress-context.js';
import { useConnectionState } from './use-connection-state.js';

/** What `useWebSocket()` returns (docs/react.md, useWebSocket): the documented names, plus the client for anything else. */
export interface WebSocketContextValue {
  status: ConnectionStatus;
  isConnected: boolean;
  /** The whole connection state: why it is not connected, the next retry… */
  connection: ConnectionState;
  /** Subscribes to server events by name or wildcard (`custom.event.*`, `platform.*`); returns an id. */
  subscribeToEvent: <T = unknown>(pattern: string, handler: (data: T, event: string) => void) => string;
  /** Returns nothing, so `return () => unsubscribeFromEvent(id)` is a valid effect cleanup. */
  unsubscribeFromEvent: (subscriptionId: string) => void;
  /** Calls `handler` on `platform.table.refresh` for `table` (and when a `useLiveOperation` with that table completes). */
  onTableRefresh: (table: string, handler: (event: TableRefreshPayload) => void) => string;
  offTableRefresh: (subscriptionId: string) => void;
  /** Event patterns, table handlers and watched operations, for debugging. */
  getActiveSubscriptions: () => ActiveSubscriptions;
  connect: () => void;
  disconnect: () => void;
  /** `null` during server rendering. */
  client: LiveProgressClient | null;
}

const NO_SUBSCRIPTIONS: ActiveSubscriptions = Object.freeze({ events: [], tables: [], operations: [] });

/** The provider's connection and event API. The functions keep their identity for the provider's life. */
export function useWebSocket(): WebSocketContextValue {
  const { client } = useLiveProgressContext('useWebSocket');
  const connection = useConnectionState(client);
  const api = useMemo(
    () => ({
      subscribeToEvent: <T = unknown>(pattern: string, handler: (data: T, event: string) => void): string =>
        client?.subscribeToEvent<T>(pattern, handler) ?? '',
      unsubscribeFromEvent: (id: string): void => {
        client?.unsubscribeFromEvent(id);
      },
      onTableRefresh: (table: string, handler: (event: TableRefreshPayload) => void): string => client?.onTableRefresh(table, handler) ?? '',
      offTableRefresh: (id: string): void => {
        client?.offTableRefresh(id);
      },
      getActiveSubscriptions: (): ActiveSubscriptions => client?.getActiveSubscriptions() ?? NO_SUBSCRIPTIONS,
      connect: (): void => client?.connect(),
      disconnect: (): void => client?.disconnect(),
    }),
    [client],
  );
  return { ...api, status: connection.status, isConnected: connection.status === 'connected', connection, client };
}
