import { useOperation, useOperations, useWebSocket, type WebSocketContextValue } from '@liveprogress/react';
import { act, render, waitFor } from '@testing-library/react';
import { memo, Profiler, type ReactNode } from 'react';
import { sleep } from '@liveprogress/test-support';
import { describe, expect, it } from 'vitest';
import { useTestServer } from './support/test-server.js';
import { withProvider } from './support/wrapper.js';

const api = useTestServer();

const OPERATIONS = 72;
/** The server takes 50 requests per socket at once; mount the rest a moment later rather than be rate-limited. */
const FIRST_WAVE = 48;
const renders = { rows: 0, list: 0, commits: 0 };

function Row({ id }: { id: string }): ReactNode {
  renders.rows += 1;
  const { status, progress } = useOperation(id);
  return <li data-status={status}>{progress?.progress ?? 0}</li>;
}

/** One component reading every operation of the tenant at once (the rows do the watching). */
function Summary(): ReactNode {
  renders.list += 1;
  const { operations } = useOperations({ operationType: 'generic', limit: 100, live: false });
  const done = operations.filter((op) => op.status === 'completed').length;
  return <p data-testid="summary">{done}</p>;
}

let ws: WebSocketContextValue | undefined;
function Probe(): null {
  ws = useWebSocket();
  return null;
}

async function allSettled(token: string, ids: string[]): Promise<void> {
  await waitFor(
    async () => {
      const res = await fetch(`${api.url}/api/v1/operations?status=running&limit=100`, { headers: { authorization: `Bearer ${token}` } });
      const { operations } = (await res.json()) as { operations: { operationId: string }[] };
      expect(operations.filter((op) => ids.includes(op.operationId))).toEqual([]);
    },
    { timeout: 20_000, interval: 250 },
  );
}

describe('re-render discipline', () => {
  it("does not re-render a component for another operation's updates", async () => {
    const token = await api.token();
    // Its next step is minutes away: any render of its watcher would be for somebody else's update.
    const quiet = await api.start(token, '/api/my-operations', { simulate: { durationMs: 600_000 } });
    const counts = { quiet: 0, busy: 0 };
    const Counted = memo(function Counted({ id, name }: { id: string | null; name: 'quiet' | 'busy' }): ReactNode {
      counts[name] += 1;
      const { status } = useOperation(id);
      return <p data-testid={name}>{status}</p>;
    });
    const Wrapper = withProvider({ url: api.url, token });
    const page = (busyId: string | null) => (
      <Wrapper>
        <Counted id={quiet.operationId} name="quiet" />
        <Counted id={busyId} name="busy" />
      </Wrapper>
    );
    const { getByTestId, rerender } = render(page(null));
    await waitFor(() => expect(getByTestId('quiet').textContent).toBe('running'), { timeout: 10_000 });
    await sleep(300);
    const quietBefore = counts.quiet;

    const busy = await api.start(token, '/api/my-operations', { simulate: { durationMs: 800 } });
    rerender(page(busy.operationId));
    await waitFor(() => expect(getByTestId('busy').textContent).toBe('completed'), { timeout: 10_000 });
    expect(counts.busy).toBeGreaterThan(3);
    expect(counts.quiet - quietBefore).toBe(0);
    await fetch(`${api.url}/api/v1/operations/${quiet.operationId}/cancel`, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
  });
});

describe('a flood of updates', () => {
  it('re-renders a bounded number of times when 1,000+ missed updates arrive at once', async () => {
    const tenant = `burst-${Date.now()}`;
    const viewer = await api.token('viewer', tenant);
    // Six users share the starting, to stay under the per-user HTTP rate limit; tenant
    // visibility lets the viewer watch them all.
    const starters = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => api.token(`starter-${n}`, tenant)));
    const ids = (
      await Promise.all(
        Array.from({ length: OPERATIONS }, (_, i) =>
          api.start(starters[i % starters.length]!, '/api/my-operations', { visibility: 'tenant', simulate: { durationMs: 6000 } }),
        ),
      )
    ).map((started) => started.operationId);

    const Wrapper = withProvider({ url: api.url, token: viewer });
    const board = (count: number) => (
      <Wrapper>
        <Probe />
        {/* Counts React commits of the page: each is one re-render pass, however many rows it touches. */}
        <Profiler id="board" onRender={() => (renders.commits += 1)}>
          <Summary />
          <ul>
            {ids.slice(0, count).map((id) => (
              <Row key={id} id={id} />
            ))}
          </ul>
        </Profiler>
      </Wrapper>
    );
    const { rerender } = render(board(FIRST_WAVE));
    await waitFor(() => expect(ws!.getActiveSubscriptions().operations.filter((w) => w.subscription === 'subscribed')).toHaveLength(FIRST_WAVE), {
      timeout: 15_000,
    });
    await sleep(500);
    rerender(board(OPERATIONS));
    await waitFor(
      () => {
        const watched = ws!.getActiveSubscriptions().operations;
        expect(watched.filter((w) => w.subscription === 'subscribed')).toHaveLength(OPERATIONS);
      },
      { timeout: 15_000 },
    );

    // Go offline while the work goes on; the server keeps every event for the replay.
    act(() => ws!.disconnect());
    await allSettled(viewer, ids);

    let applied = 0;
    const client = ws!.client!;
    const offs = ids.map((id) => client.operations.onEvent(id, () => (applied += 1)));
    renders.rows = 0;
    renders.list = 0;
    renders.commits = 0;
    const startedAt = performance.now();
    act(() => ws!.connect());
    await waitFor(() => expect(document.querySelectorAll('li[data-status="completed"]')).toHaveLength(OPERATIONS), { timeout: 15_000 });
    const elapsedMs = performance.now() - startedAt;
    await waitFor(() => expect(document.querySelector('[data-testid="summary"]')?.textContent).toBe(String(OPERATIONS)));
    for (const off of offs) off();

    const frames = Math.ceil(elapsedMs / 16);
    console.info(
      `[render-count] ${applied} updates replayed in ${Math.round(elapsedMs)} ms (${frames} frames): ` +
        `${renders.commits} page commits, ${renders.rows} row renders for ${OPERATIONS} rows, ${renders.list} renders of the list of all ${OPERATIONS}`,
    );
    expect(applied).toBeGreaterThanOrEqual(1000);
    // At most one commit per frame: the client batches a flood into one notification per frame.
    expect(renders.commits).toBeLessThanOrEqual(frames + 2);
    // And far fewer than one per update, however the acks spread over frames on a busy machine.
    expect(renders.commits).toBeLessThan(applied / 25);
    // Each row re-renders a few times (connecting, connected, its replay), never once per update.
    expect(renders.rows).toBeLessThanOrEqual(OPERATIONS * 4);
    expect(renders.list).toBeLessThanOrEqual(frames + 2);
  }, 60_000);
});
