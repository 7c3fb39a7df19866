import { useWebSocket, WebSocketProvider, type ConnectionStatus, type ToastEvent } from '@liveprogress/react';
import { act, render, renderHook, screen, waitFor } from '@testing-library/react';
import { StrictMode, type ReactNode } from 'react';
import { Toaster } from 'sonner';
import { sleep } from '@liveprogress/test-support';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useTestServer } from './support/test-server.js';
import { LIVE, withProvider } from './support/wrapper.js';

const api = useTestServer();

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('WebSocketProvider and useWebSocket', () => {
  it('connects once there is a token and reports the status', async () => {
    const statuses: ConnectionStatus[] = [];
    const { result } = renderHook(
      () => {
        const ws = useWebSocket();
        if (statuses.at(-1) !== ws.status) statuses.push(ws.status);
        return ws;
      },
      { wrapper: withProvider({ url: api.url, token: await api.token() }) },
    );
    await waitFor(() => expect(result.current.isConnected).toBe(true), LIVE);
    expect(statuses).toEqual(['idle', 'connecting', 'connected']);
    expect(result.current.connection.socketId).toEqual(expect.any(String));
  });

  it('waits while the token is missing and connects when it arrives', async () => {
    const token = await api.token();
    let status: ConnectionStatus | undefined;
    function Status(): null {
      status = useWebSocket().status;
      return null;
    }
    const app = (current: string | null) => (
      <WebSocketProvider url={api.url} token={current}>
        <Status />
      </WebSocketProvider>
    );
    const { rerender } = render(app(null));
    await sleep(200);
    expect(status).toBe('idle');
    rerender(app(token));
    await waitFor(() => expect(status).toBe('connected'), LIVE);
  });

  it('reports a refused token as unauthorized with the server code', async () => {
    const { result } = renderHook(() => useWebSocket(), { wrapper: withProvider({ url: api.url, token: 'not-a-jwt' }) });
    await waitFor(() => expect(result.current.status).toBe('unauthorized'), LIVE);
    expect(result.current.connection.error?.code).toBe('TOKEN_INVALID');
  });

  it('asks getToken for the token, for the socket and for HTTP', async () => {
    const token = await api.token();
    const getToken = vi.fn(async () => token);
    const { result } = renderHook(() => useWebSocket(), { wrapper: withProvider({ url: api.url, getToken }) });
    await waitFor(() => expect(result.current.isConnected).toBe(true), LIVE);
    expect(getToken).toHaveBeenCalled();
  });

  it('uses NEXT_PUBLIC_WS_URL when no url is given', () => {
    vi.stubEnv('NEXT_PUBLIC_WS_URL', 'ws://127.0.0.1:9');
    const { result } = renderHook(() => useWebSocket(), { wrapper: withProvider({ autoConnect: false }) });
    expect(result.current.client?.url).toBe('ws://127.0.0.1:9');
  });

  it("falls back to the page's origin when there is no url and no NEXT_PUBLIC_WS_URL", () => {
    const { result } = renderHook(() => useWebSocket(), { wrapper: withProvider({ autoConnect: false }) });
    expect(result.current.client?.url).toBe(window.location.origin);
  });

  it('delivers server events to wildcard subscriptions until unsubscribed', async () => {
    const token = await api.token();
    const heard: string[] = [];
    const { result } = renderHook(() => useWebSocket(), { wrapper: withProvider({ url: api.url, token }) });
    await waitFor(() => expect(result.current.isConnected).toBe(true), LIVE);
    const id = result.current.subscribeToEvent<{ type: string }>('platform.*', (data, event) => heard.push(`${event}:${data.type}`));
    await api.start(token, '/api/my-operations', { simulate: { durationMs: 200 } });
    await waitFor(() => expect(heard).toContain('platform.table.refresh:table_refresh'), LIVE);
    expect(heard).toContain('platform.system.alert:toast');

    act(() => result.current.unsubscribeFromEvent(id));
    expect(result.current.getActiveSubscriptions().events.filter((e) => e.pattern === 'platform.*')).toEqual([]);
    const before = heard.length;
    await api.start(token, '/api/my-operations', { simulate: { durationMs: 200 } });
    await sleep(600);
    expect(heard).toHaveLength(before);
  });

  it("calls onTableRefresh handlers with the server's platform.table.refresh", async () => {
    const token = await api.token();
    const handler = vi.fn();
    const { result } = renderHook(() => useWebSocket(), { wrapper: withProvider({ url: api.url, token }) });
    await waitFor(() => expect(result.current.isConnected).toBe(true), LIVE);
    result.current.onTableRefresh('my_operations', handler);
    const { operationId } = await api.start(token, '/api/my-operations', { simulate: { durationMs: 200 } });
    await waitFor(() => expect(handler).toHaveBeenCalledWith(expect.objectContaining({ table: 'my_operations', action: 'completed' })), LIVE);
    expect(handler).toHaveBeenCalledWith(expect.objectContaining({ table: 'my_operations', action: 'created', affectedIds: [operationId] }));
  });

  it('shows platform.system.alert toasts with sonner', async () => {
    const token = await api.token();
    render(
      <WebSocketProvider url={api.url} token={token}>
        <Toaster />
      </WebSocketProvider>,
    );
    await sleep(300);
    await api.start(token, '/api/my-operations', { name: 'Nightly export', simulate: { durationMs: 100 } });
    await waitFor(() => expect(screen.getByText('Nightly export is now running')).toBeTruthy(), LIVE);
    expect(screen.getAllByText('Operation started').length).toBeGreaterThan(0);
  });

  it('lets onToast take over system alerts', async () => {
    const token = await api.token();
    const onToast = vi.fn<(toast: ToastEvent) => void>();
    render(
      <WebSocketProvider url={api.url} token={token} onToast={onToast}>
        <Toaster />
      </WebSocketProvider>,
    );
    await sleep(300);
    await api.start(token, '/api/my-operations', { name: 'Quiet export', simulate: { durationMs: 100 } });
    await waitFor(
      () =>
        expect(onToast).toHaveBeenCalledWith({
          source: 'system',
          type: 'info',
          title: 'Operation started',
          message: 'Quiet export is now running',
          duration: 4000,
        }),
      LIVE,
    );
    expect(screen.queryByText('Quiet export is now running')).toBeNull();
  });

  it('keeps its client through a StrictMode remount and closes it on unmount', async () => {
    const token = await api.token();
    const { result, unmount } = renderHook(() => useWebSocket(), {
      wrapper: ({ children }: { children: ReactNode }) => (
        <StrictMode>
          <WebSocketProvider url={api.url} token={token}>
            {children}
          </WebSocketProvider>
        </StrictMode>
      ),
    });
    await waitFor(() => expect(result.current.isConnected).toBe(true), LIVE);
    const client = result.current.client!;
    unmount();
    await Promise.resolve();
    expect(client.getStatus()).toBe('disconnected');
    expect(() => client.watchOperation('any')).toThrow(/closed/);
  });
});
