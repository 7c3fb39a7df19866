import type { OperationSnapshot } from '@liveprogress/protocol';
import { useOperation, useWebSocket } from '@liveprogress/react';
import { useLiveProgressInvalidation } from '@liveprogress/react/swr';
import { render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import useSWR, { SWRConfig } from 'swr';
import { describe, expect, it } from 'vitest';
import { useTestServer } from './support/test-server.js';
import { LIVE, withProvider } from './support/wrapper.js';

const api = useTestServer();

async function getJson<T>(token: string, path: string): Promise<T> {
  const res = await fetch(`${api.url}/api/v1/operations${path}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET ${path} answered ${res.status}`);
  return (await res.json()) as T;
}

// A cache of this test's own; nothing but a mutate revalidates (no focus, reconnect or dedupe window).
function withSwr(token: string) {
  const Provider = withProvider({ url: api.url, token });
  return function Wrapper({ children }: { children: ReactNode }): ReactNode {
    return (
      <SWRConfig value={{ provider: () => new Map(), dedupingInterval: 0, revalidateOnFocus: false, revalidateOnReconnect: false }}>
        <Provider>{children}</Provider>
      </SWRConfig>
    );
  };
}

describe('@liveprogress/react/swr', () => {
  it("revalidates a table's keys when the server refreshes that table", async () => {
    const token = api.token();
    let fetches = 0;
    function OperationList(): ReactNode {
      useLiveProgressInvalidation({ tables: { my_operations: ['/operations'] } });
      const { isConnected } = useWebSocket();
      const { data } = useSWR('/operations', () => {
        fetches += 1;
        return getJson<{ operations: OperationSnapshot[] }>(token, '').then((body) => body.operations);
      });
      return (
        <>
          <p>{isConnected ? 'connected' : 'offline'}</p>
          <ul aria-label="Operations">
            {data?.map((op) => (
              <li key={op.operationId}>{op.operationId}</li>
            ))}
          </ul>
        </>
      );
    }
    render(<OperationList />, { wrapper: withSwr(token) });
    await screen.findByText('connected', undefined, LIVE);
    await waitFor(() => expect(fetches).toBe(1), LIVE);

    const { operationId } = await api.start(token, '/api/my-operations', { simulate: { durationMs: 300 } });
    await screen.findByText(operationId, undefined, LIVE);
    expect(fetches).toBeGreaterThanOrEqual(2);
  });

  it("revalidates an operation's keys when the operation ends", async () => {
    const token = api.token();
    const { operationId } = await api.start(token, '/api/my-operations', { simulate: { durationMs: 800 } });
    function OperationRow({ id }: { id: string }): ReactNode {
      useLiveProgressInvalidation({ onOperationEnd: (snapshot) => [['operation', snapshot.operationId]] });
      const live = useOperation(id);
      const { data } = useSWR(['operation', id], ([, opId]) => getJson<OperationSnapshot>(token, `/${opId}`));
      return (
        <p>
          live <span data-testid="live">{live.status}</span>, fetched <span data-testid="fetched">{data?.status ?? 'loading'}</span>
        </p>
      );
    }
    render(<OperationRow id={operationId} />, { wrapper: withSwr(token) });
    await waitFor(() => expect(screen.getByTestId('fetched').textContent).toMatch(/^(pending|running)$/), LIVE);

    await waitFor(() => expect(screen.getByTestId('live').textContent).toBe('completed'), LIVE);
    await waitFor(() => expect(screen.getByTestId('fetched').textContent).toBe('completed'), LIVE);
  });
});
