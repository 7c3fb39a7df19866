// The hand-off from a server-rendered page to the live stream (docs/react.md, Server rendering):
// a server component reads the snapshot with fetchOperation, the HTML already shows it, hydration
// matches it, and the live subscription resumes after its seq.
// fetchOperation comes from the client package: this entry is a client module, which a server component cannot call into.
import { fetchOperation } from '@liveprogress/client';
import { LiveProgressClient, ProgressTracker, WebSocketProvider, useOperation } from '@liveprogress/react';
import type { StoredEvent } from '@liveprogress/protocol';
import { act, waitFor, within } from '@testing-library/react';
import { sleep } from '@liveprogress/test-support';
import { hydrateRoot } from 'react-dom/client';
import { renderToString } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { useTestServer } from './support/test-server.js';
import { LIVE } from './support/wrapper.js';

const api = useTestServer();

describe('a server-rendered snapshot', () => {
  it('is in the first HTML, hydrates with no mismatch, then goes live to the end without a missed or repeated event', async () => {
    const token = await api.token();
    const { operationId } = await api.start(token, '/api/data/import', { simulate: { durationMs: 3000 } });
    await sleep(1200); // well into the run: the page is rendered mid-operation
    const initialSnapshot = await fetchOperation(operationId, { apiUrl: api.url, token });
    expect(initialSnapshot.progress).toBeGreaterThan(0);
    expect(initialSnapshot.progress).toBeLessThan(100);

    const config = { operationId, operationType: 'data_import', title: 'Rendered import', initialSnapshot };
    const app = (
      <WebSocketProvider url={api.url} token={token}>
        <ProgressTracker config={config} />
      </WebSocketProvider>
    );
    const html = renderToString(app);
    // The server's HTML already shows the snapshot: its progress, stage and step, not "0%".
    expect(html).toContain(`aria-valuenow="${Math.round(initialSnapshot.progress)}"`);
    expect(html).toContain(`data-status="${initialSnapshot.status}"`);

    const host = document.body.appendChild(document.createElement('div'));
    host.innerHTML = html;
    const onRecoverableError = vi.fn();
    const consoleError = vi.spyOn(console, 'error');
    const root = await act(async () => hydrateRoot(host, app, { onRecoverableError }));
    const bar = within(host).getByRole('progressbar', { name: 'Rendered import' });
    // Hydration keeps the server's value: no flash back to 0.
    expect(Number(bar.getAttribute('aria-valuenow'))).toBeGreaterThanOrEqual(Math.round(initialSnapshot.progress));
    await waitFor(() => expect(bar.getAttribute('aria-valuenow')).toBe('100'), LIVE);
    expect(onRecoverableError).not.toHaveBeenCalled();
    expect(consoleError.mock.calls.filter((call) => /hydrat/i.test(String(call[0])))).toEqual([]);
    consoleError.mockRestore();
    act(() => root.unmount());
    host.remove();
  });

  it('makes the client subscribe after the snapshot’s seq, applying each later event once', async () => {
    const token = await api.token();
    const { operationId } = await api.start(token, '/api/data/import', { simulate: { durationMs: 1500 } });
    await sleep(500);
    const initialSnapshot = await fetchOperation(operationId, { apiUrl: api.url, token });
    const client = new LiveProgressClient({ url: api.url, token });
    const applied: number[] = [];
    client.operations.onEvent(operationId, (event: StoredEvent) => applied.push(event.seq));
    const release = client.operations.watch(operationId, { initialSnapshot });
    // Before any ack the client already holds the server-rendered snapshot.
    expect(client.operations.getSnapshot(operationId).snapshot).toBe(initialSnapshot);
    await waitFor(() => expect(client.operations.getSnapshot(operationId).isTerminal).toBe(true), LIVE);
    const final = client.operations.getSnapshot(operationId);
    expect(applied).toEqual(Array.from({ length: final.snapshot!.seq - initialSnapshot.seq }, (_, i) => initialSnapshot.seq + 1 + i));
    // A re-subscribe with afterSeq reports whether the replay was complete.
    expect(final.recovered).toBe(true);
    release();
    client.close();
  });

  it('shows a finished operation as it ended, with no subscription at all', async () => {
    const token = await api.token();
    const { operationId } = await api.start(token, '/api/data/import', { simulate: { durationMs: 200 } });
    await waitFor(async () => expect((await fetchOperation(operationId, { apiUrl: api.url, token })).status).toBe('completed'), LIVE);
    const initialSnapshot = await fetchOperation(operationId, { apiUrl: api.url, token });
    function Status() {
      const op = useOperation(operationId, { initialSnapshot });
      return <p>{`${op.status} ${op.subscription}`}</p>;
    }
    const app = (
      <WebSocketProvider url={api.url} token={token}>
        <Status />
      </WebSocketProvider>
    );
    const host = document.body.appendChild(document.createElement('div'));
    host.innerHTML = renderToString(app);
    expect(host.textContent).toBe('completed idle');
    const root = await act(async () => hydrateRoot(host, app));
    await sleep(300);
    expect(host.textContent).toBe('completed idle');
    act(() => root.unmount());
    host.remove();
  });
});

describe('fetchOperation', () => {
  it('answers NOT_FOUND for an operation the user may not see, and the token’s code for a refused token', async () => {
    const token = await api.token();
    await expect(fetchOperation('no-such-operation', { apiUrl: api.url, token })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(fetchOperation('no-such-operation', { apiUrl: api.url, token: 'not-a-jwt' })).rejects.toMatchObject({ code: 'TOKEN_INVALID' });
  });
});
