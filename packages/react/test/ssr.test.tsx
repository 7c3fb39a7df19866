// @vitest-environment node
import { ProgressTracker, useLiveOperation, useOperation, useOperations, useWebSocket, WebSocketProvider } from '@liveprogress/react';
import type { ReactNode } from 'react';
import { renderToString } from 'react-dom/server';
import { afterEach, describe, expect, it, vi } from 'vitest';
import RootLayout, { DataImportExample, MyOperationForm } from './guide-examples.js';

const config = {
  operationId: 'op-1',
  operationType: 'data_import',
  title: 'Importing customers',
  stages: [
    { id: 'validation', name: 'Validation', order: 1 },
    { id: 'processing', name: 'Processing', order: 2 },
  ],
  showDetails: true,
  showTimeEstimate: true,
};

function EveryHook(): ReactNode {
  const ws = useWebSocket();
  const [state] = useLiveOperation({ apiEndpoint: '/api/data/import', operationType: 'data_import', operationName: 'Import' });
  const op = useOperation('op-1');
  const list = useOperations();
  return <p>{[ws.status, state.status, op.status, list.status, String(ws.client)].join(' ')}</p>;
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('server rendering', () => {
  it('runs where there is no window', () => {
    expect(typeof window).toBe('undefined');
    expect(typeof document).toBe('undefined');
  });

  it('renders the provider and the tracker without a window, as an idle tracker', () => {
    const html = renderToString(
      <WebSocketProvider url="http://127.0.0.1:9" token="not-used-on-the-server">
        <ProgressTracker config={config} />
      </WebSocketProvider>,
    );
    expect(html).toContain('role="progressbar"');
    expect(html).toContain('aria-valuenow="0"');
    expect(html).toContain('aria-valuemin="0"');
    expect(html).toContain('aria-valuemax="100"');
    expect(html).toMatch(/<h3 id="([^"]+)" class="lp-tracker__title">Importing customers<\/h3>/);
    const titleId = /<h3 id="([^"]+)"/.exec(html)?.[1];
    expect(html).toContain(`aria-labelledby="${titleId}"`);
    expect(html).toContain('Not connected');
    expect(html).toContain('Waiting for progress…');
  });

  it('gives every hook its idle state and no client', () => {
    const html = renderToString(
      <WebSocketProvider url="http://127.0.0.1:9" token="t">
        <EveryHook />
      </WebSocketProvider>,
    );
    expect(html).toContain('<p>idle idle idle idle null</p>');
  });

  it("renders the guide's app/layout.tsx and its examples", () => {
    vi.stubEnv('NEXT_PUBLIC_WS_URL', 'ws://127.0.0.1:9');
    const html = renderToString(
      <RootLayout>
        <MyOperationForm />
        <DataImportExample />
      </RootLayout>,
    );
    expect(html).toMatch(/^<html><head><\/head><body>/);
    expect(html).toContain('Start Operation');
    expect(html).toContain('Import data');
  });
});
