import { useWebSocket, WebSocketProvider, type WebSocketContextValue } from '@liveprogress/react';
import { act, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { Toaster } from 'sonner';
import { sleep } from '@liveprogress/test-support';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  BatchExample,
  ContextOptions,
  CustomToastHandling,
  DataImportExample,
  DebugMode,
  FileUploadExample,
  MyComponent,
  MyOperationForm,
  MyOperationsTable,
  MyOperationWithTracker,
  router,
  tableData,
} from './guide-examples.js';
import { useTestServer } from './support/test-server.js';
import { withProvider } from './support/wrapper.js';

const api = useTestServer();
// The guide's requests carry no `simulate`: the test server's default duration applies.
const SLOW = { timeout: 20_000 } as const;

let ws: WebSocketContextValue | undefined;
function Probe(): null {
  ws = useWebSocket();
  return null;
}

function Example({ name, children }: { name: string; children: ReactNode }): ReactNode {
  return <section aria-label={name}>{children}</section>;
}
const example = (name: string) => within(screen.getByRole('region', { name }));
const stageStatesOf = (name: string) =>
  within(example(name).getByRole('list', { name: 'Stages' }))
    .getAllByRole('listitem')
    .map((item) => item.getAttribute('data-state'));

const logged: unknown[][] = [];
let root: Root;
let host: HTMLElement;
const realFetch = globalThis.fetch;

/**
 * The whole page of examples runs at once against the real test server (each example is
 * started in beforeAll), so the file takes as long as the slowest operation, not their sum.
 */
beforeAll(async () => {
  const token = await api.token();
  vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logged.push(args));
  // Example 2.2 calls `fetch('/api/my-operations')` on its own page's origin, where the
  // app's backend would know the user from its session. Stand in for that backend here:
  // same-origin calls go to the test server with the user's token.
  vi.stubGlobal('fetch', (input: RequestInfo | URL, init: RequestInit = {}) => {
    if (typeof input === 'string' && input.startsWith('/')) {
      return realFetch(`${api.url}${input}`, { ...init, headers: { ...(init.headers as Record<string, string>), authorization: `Bearer ${token}` } });
    }
    return realFetch(input, init);
  });

  host = document.body.appendChild(document.createElement('div'));
  root = createRoot(host);
  await act(async () => {
    root.render(
      <WebSocketProvider url={api.url} token={token}>
        <Toaster duration={60_000} visibleToasts={20} />
        <Probe />
        <Example name="2.1">
          <MyOperationForm />
        </Example>
        <Example name="2.2">
          <MyOperationWithTracker />
        </Example>
        <MyComponent />
        <Example name="4.2">
          <CustomToastHandling />
        </Example>
        <MyOperationsTable />
        <Example name="example 1">
          <FileUploadExample />
        </Example>
        <Example name="example 2">
          <DataImportExample />
        </Example>
        <Example name="example 3">
          <BatchExample />
        </Example>
        <DebugMode />
      </WebSocketProvider>,
    );
  });
  await waitFor(() => expect(ws?.status).toBe('connected'), SLOW);
  act(() => {
    example('2.1').getByRole('button', { name: 'Start Operation' }).click();
    example('2.2').getByRole('button', { name: 'Start Operation' }).click();
    example('4.2').getByRole('button', { name: 'Run toast example' }).click();
    example('example 1').getByRole('button', { name: 'Upload example file' }).click();
    example('example 2').getByRole('button', { name: 'Import data' }).click();
    example('example 3').getByRole('button', { name: 'Process batch' }).click();
  });
}, 30_000);

afterAll(() => {
  act(() => root.unmount());
  host.remove();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe("the guide's examples", () => {
  it('2.1: the generic hook disables the form, shows live progress and completes', async () => {
    const form = example('2.1');
    await waitFor(() => expect(form.getByRole('button', { name: 'Processing...' })).toHaveProperty('disabled', true));
    await waitFor(() => expect(form.getByText(/^\d+%$/)).toBeTruthy(), SLOW);
    await waitFor(() => expect(form.getByRole('button', { name: 'Start Operation' })).toHaveProperty('disabled', false), SLOW);
    expect(form.getByText('100%')).toBeTruthy();
    expect(logged).toContainEqual(['Operation started:', { name: 'My Operation', data: { note: 'from the guide' } }]);
    expect(logged).toContainEqual(['Operation completed:', expect.objectContaining({ processedCount: 500 })]);
    expect(logged.filter(([label]) => label === 'Progress:').length).toBeGreaterThan(3);
    // enableToasts: sonner shows the success message.
    await waitFor(() => expect(screen.getByText('Operation completed successfully!')).toBeTruthy());
  }, 30_000);

  it('2.2: ProgressTracker follows the operation the component started with its own fetch', async () => {
    const bar = await waitFor(() => example('2.2').getByRole('progressbar', { name: 'My Custom Operation' }), SLOW);
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('100'), SLOW);
    await waitFor(() => expect(stageStatesOf('2.2')).toEqual(['done', 'done', 'done', 'done']), SLOW);
  }, 30_000);

  it('3.2: a custom event subscription is active while its component is mounted', () => {
    expect(ws?.getActiveSubscriptions().events).toContainEqual(expect.objectContaining({ pattern: 'custom.event.*' }));
  });

  it('4.2: onToast takes over the toasts and navigates on success', async () => {
    await waitFor(() => expect(router.pushed).toEqual(['/results']), SLOW);
  }, 30_000);

  it('5.2: the table component refetches when my_operations is refreshed', async () => {
    // The test server, like the demo API, refreshes `my_operations` when an operation starts and when it ends.
    await waitFor(() => expect(tableData.refetches).toBeGreaterThanOrEqual(2), SLOW);
  }, 30_000);

  it('example 1: a file upload goes out as multipart form data and completes', async () => {
    await waitFor(() => expect(example('example 1').getByText('completed')).toBeTruthy(), SLOW);
    await waitFor(() => expect(screen.getByText('File uploaded successfully!')).toBeTruthy());
  }, 30_000);

  it('example 2: the data import shows its stages in a tracker as they pass', async () => {
    const bar = example('example 2').getByRole('progressbar', { name: 'Data Import' });
    await waitFor(() => expect(example('example 2').getByText(/\(in progress\)/)).toBeTruthy(), SLOW);
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('100'), SLOW);
    await waitFor(() => expect(stageStatesOf('example 2')).toEqual(['done', 'done', 'done', 'done']), SLOW);
    await waitFor(() => expect(screen.getByText('Data imported successfully!')).toBeTruthy());
  }, 30_000);

  it('example 3: the batch logs its processed counts from progress details', async () => {
    await waitFor(() => expect(example('example 3').getByRole('button', { name: 'Process batch' })).toHaveProperty('disabled', false), SLOW);
    const counts = logged.map(([line]) => line).filter((line): line is string => typeof line === 'string' && /^Processed: \d+ items$/.test(line));
    expect(counts.length).toBeGreaterThan(0);
    expect(counts.at(-1)).toBe('Processed: 20 items');
  }, 30_000);

  it('debug mode logs the active subscriptions', () => {
    const debug = logged.find(([label]) => label === 'Active subscriptions:');
    expect(debug?.[1]).toEqual({ events: expect.any(Array), tables: expect.any(Array), operations: expect.any(Array) });
  });
});

describe("the guide's provider without props", () => {
  it('renders its children and waits for a token instead of connecting', async () => {
    let status: string | undefined;
    function Status(): null {
      status = useWebSocket().status;
      return null;
    }
    render(
      <ContextOptions>
        <MyComponent />
        <Status />
      </ContextOptions>,
    );
    await sleep(200);
    expect(status).toBe('idle');
  });

  it('drops the custom event subscription when MyComponent unmounts', () => {
    let active: WebSocketContextValue | undefined;
    function Debug(): null {
      active = useWebSocket();
      return null;
    }
    const Wrapper = withProvider({ url: api.url, autoConnect: false });
    const { rerender } = render(
      <Wrapper>
        <Debug />
        <MyComponent />
      </Wrapper>,
    );
    expect(active?.getActiveSubscriptions().events.map((e) => e.pattern)).toContain('custom.event.*');
    rerender(
      <Wrapper>
        <Debug />
      </Wrapper>,
    );
    expect(active?.getActiveSubscriptions().events.map((e) => e.pattern)).not.toContain('custom.event.*');
  });
});
