import type { OperationSnapshot } from '@liveprogress/protocol';
import { useOperation, useWebSocket } from '@liveprogress/react';
import { useLiveProgressInvalidation } from '@liveprogress/react/query';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { useTestServer } from './support/test-server.js';
import { LIVE, withProvider } from './support/wrapper.js';

const api = useTestServer();

/** The server's own HTTP API, as an app's query functions would call it. */
async function getJson<T>(token: string, path: string): Promise<T> {
  const res = await fetch(`${api.url}/api/v1/operations${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
  return (await res.json()) as T;
}

function withQueryClient(token: string, queryClient: QueryClient) {
  const Provider = withProvider({ url: api.url, token });
  return function Wrapper({ children }: { children: ReactNode }): ReactNode {
    return (
      <QueryClientProvider client={queryClient}>
        <Provider>{children}</Provider>
      </QueryClientProvider>
    );
  };
}

// Nothing but an invalidation refetches: no staleness timer, no refetch on focus or reconnect.
const quietQueries = () =>
  new QueryClient({
    defaultOptions: { queries: { staleTime: Number.POSITIVE_INFINITY, refetchOnWindowFocus: false, refetchOnReconnect: false, retry: false } },
  });

function Connection(): ReactNode {
  return <p>{useWebSocket().isConnected ? 'connected' : 'offline'}</p>;
}

describe('@liveprogress/react/query', () => {
  it("refetches a table's queries when the server refreshes that table", async () => {
    const token = api.token();
    let fetches = 0;
    function OperationList(): ReactNode {
      useLiveProgressInvalidation({ tables: { my_operations: [['operations']] } });
      const { data } = useQuery({
        queryKey: ['operations', { limit: 10 }],
        queryFn: () => {
          fetches += 1;
          return getJson<{ operations: OperationSnapshot[] }>(token, '?limit=10').then((body) => body.operations);
        },
      });
      return (
        <ul aria-label="Operations">
          {data?.map((op) => (
            <li key={op.operationId}>{op.operationId}</li>
          ))}
        </ul>
      );
    }
    render(
      <>
        <Connection />
        <OperationList />
      </>,
      { wrapper: withQueryClient(token, quietQueries()) },
    );
    await screen.findByText('connected', undefined, LIVE);
    await waitFor(() => expect(fetches).toBe(1), LIVE);
    expect(screen.getByRole('list', { name: 'Operations' }).children).toHaveLength(0);

    // Started elsewhere (another tab): the server refreshes my_operations, the key ['operations'] matches by prefix.
    const { operationId } = await api.start(token, '/api/my-operations', { simulate: { durationMs: 300 } });
    await screen.findByText(operationId, undefined, LIVE);
    expect(fetches).toBeGreaterThanOrEqual(2);
  });

  it("refetches an operation's queries when the operation ends", async () => {
    const token = api.token();
    const { operationId } = await api.start(token, '/api/my-operations', { simulate: { durationMs: 800 } });
    const ended: string[] = [];
    function OperationRow({ id }: { id: string }): ReactNode {
      // No table mapped: only the operation's end can make ['operation', id] stale.
      useLiveProgressInvalidation({
        onOperationEnd: (snapshot) => {
          ended.push(snapshot.operationId);
          return [['operation', snapshot.operationId]];
        },
      });
      const live = useOperation(id);
      const { data } = useQuery({ queryKey: ['operation', id], queryFn: () => getJson<OperationSnapshot>(token, `/${id}`) });
      return (
        <dl>
          <dt>live</dt>
          <dd data-testid="live">{live.status}</dd>
          <dt>fetched</dt>
          <dd data-testid="fetched">{data?.status ?? 'loading'}</dd>
        </dl>
      );
    }
    render(<OperationRow id={operationId} />, { wrapper: withQueryClient(token, quietQueries()) });
    await waitFor(() => expect(screen.getByTestId('fetched').textContent).toMatch(/^(pending|running)$/), LIVE);

    await waitFor(() => expect(screen.getByTestId('live').textContent).toBe('completed'), LIVE);
    await waitFor(() => expect(screen.getByTestId('fetched').textContent).toBe('completed'), LIVE);
    expect(ended).toEqual([operationId]);
  });
});
