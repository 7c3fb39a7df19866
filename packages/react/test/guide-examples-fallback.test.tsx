import { WebSocketProvider, useWebSocket, type WebSocketContextValue } from '@liveprogress/react';
import { httpFallback } from '@liveprogress/react/fallback';
import { startLoopbackProxy, type LoopbackProxy } from '@liveprogress/test-support';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import { Toaster } from 'sonner';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MyOperationForm, MyOperationsTable, tableData } from './guide-examples.js';
import { useTestServer } from './support/test-server.js';

const api = useTestServer();
const SLOW = { timeout: 20_000 } as const;
const SOCKET_IO = /^\/socket\.io\//;

let proxy: LoopbackProxy;
let ws: WebSocketContextValue | undefined;
const logged: unknown[][] = [];
function Probe(): null {
  ws = useWebSocket();
  return null;
}

/** The guide's 2.1 form and 5.2 table, with Socket.IO refused on the way (a proxy that only lets plain HTTP through). */
beforeAll(async () => {
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args));
  proxy = await startLoopbackProxy(api.url);
  proxy.block(SOCKET_IO);
  render(
    <WebSocketProvider
      url={proxy.url}
      token={await api.token()}
      fallback={httpFallback({ afterFailures: 2, socketProbeIntervalMs: 0 })}
      clientOptions={{ reconnection: { initialDelayMs: 50, maxDelayMs: 200, jitter: 0 } }}
    >
      <Toaster duration={60_000} visibleToasts={20} />
      <Probe />
      <section aria-label="2.1">
        <MyOperationForm />
      </section>
      <MyOperationsTable />
    </WebSocketProvider>,
  );
  await waitFor(() => expect(ws?.status === 'connected' && ws.connection.transport === 'sse').toBe(true), SLOW);
}, 30_000);

afterAll(async () => {
  vi.restoreAllMocks();
  await proxy.close();
});

describe("the guide's examples on the SSE fallback", () => {
  it("shows the server's toasts and refreshes the table as on the socket", async () => {
    act(() =>
      within(screen.getByRole('region', { name: '2.1' }))
        .getByRole('button', { name: 'Start Operation' })
        .click(),
    );
    // The server's own toasts (platform.system.alert) when the operation starts and ends.
    await waitFor(() => expect(screen.getByText('Operation started')).toBeTruthy(), SLOW);
    await waitFor(() => expect(screen.getByText('Operation completed')).toBeTruthy(), SLOW);
    // The hook's own success toast, from the operation's live progress over the fallback.
    await waitFor(() => expect(screen.getByText('Operation completed successfully!')).toBeTruthy(), SLOW);
    // onTableRefresh heard the server's platform.table.refresh for the start ('created') and the end ('completed').
    const actions = logged.filter(([label]) => label === 'Table refresh event:').map(([, event]) => (event as { action: string }).action);
    expect(actions).toEqual(expect.arrayContaining(['created', 'completed']));
    expect(tableData.refetches).toBeGreaterThanOrEqual(2);
    expect(ws?.connection.transport).toBe('sse');
    expect(proxy.seen(SOCKET_IO).every((request) => request.refused)).toBe(true);
  }, 30_000);
});
