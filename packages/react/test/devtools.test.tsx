import { useOperation } from '@liveprogress/react';
import { LiveProgressDevtools } from '@liveprogress/react/devtools';
import { render, screen, waitFor, within } from '@testing-library/react';
import { userEvent } from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { useTestServer } from './support/test-server.js';
import { LIVE, withProvider } from './support/wrapper.js';

const api = useTestServer();

function Watcher({ id }: { id: string }): ReactNode {
  const { status } = useOperation(id);
  return <p>{status}</p>;
}

/** The devtools' row of one watched operation (a list item named by its id). */
function operationRow(operationId: string): HTMLElement {
  const list = screen.getByRole('list', { name: 'Watched operations' });
  const row = within(list)
    .getAllByRole('listitem')
    .find((item) => item.dataset.operationId === operationId);
  if (!row) throw new Error(`no devtools row for ${operationId}`);
  return row;
}

describe('LiveProgressDevtools', () => {
  it('lists a watched operation with its seq, its subscribers and its last events as they arrive', async () => {
    const token = api.token();
    const { operationId } = await api.start(token, '/api/data/import', { simulate: { durationMs: 2500 } });
    const Wrapper = withProvider({ url: api.url, token });
    render(
      <Wrapper>
        <Watcher id={operationId} />
        <Watcher id={operationId} />
        <LiveProgressDevtools initialOpen maxEvents={20} />
      </Wrapper>,
    );
    const panel = screen.getByRole('region', { name: 'LiveProgress devtools' });
    await waitFor(() => expect(within(panel).getByRole('heading').textContent).toBe('Connection: connected over socket'), LIVE);
    await waitFor(() => expect(within(operationRow(operationId)).getAllByRole('row').length).toBeGreaterThanOrEqual(2), LIVE);
    const firstSeen = within(operationRow(operationId)).getAllByRole('row').length;
    // Rows after the header, newest first: more of them arrive while it runs, ending with the completion.
    await waitFor(() => expect(within(operationRow(operationId)).getAllByRole('row')[1]?.textContent).toMatch(/^progress\.completed/), LIVE);
    const row = operationRow(operationId);
    const rows = within(row).getAllByRole('row');
    expect(rows.length).toBeGreaterThan(firstSeen);
    const [lastSeq] = (rows[1]?.textContent ?? '').match(/\d+/) ?? [];
    expect(row.textContent).toContain(`seq ${lastSeq}`);
    expect(row.textContent).toContain('2 subscribers');
    expect(row.textContent).toContain('0 gaps');
    expect(row.textContent).toMatch(/last event \d+\.\d s ago/);
    // An update decoded: its stage and progress in their columns.
    expect(rows.some((tableRow) => /^progress\.updated\d+(validation|processing|storing|indexing)[\d.]+%/.test(tableRow.textContent ?? ''))).toBe(true);
  });

  it('opens and closes from the keyboard, and Escape closes the panel and gives focus back to the toggle', async () => {
    const user = userEvent.setup();
    const token = api.token();
    const Wrapper = withProvider({ url: api.url, token });
    render(
      <Wrapper>
        <LiveProgressDevtools />
      </Wrapper>,
    );
    const toggle = await screen.findByRole('button', { name: /^LiveProgress/ });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('region', { name: 'LiveProgress devtools' })).toBeNull();

    await user.tab();
    expect(document.activeElement).toBe(toggle);
    await user.keyboard('{Enter}');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByRole('region', { name: 'LiveProgress devtools' });
    expect(toggle.getAttribute('aria-controls')).toBe(panel.id);
    await user.keyboard(' ');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('region', { name: 'LiveProgress devtools' })).toBeNull();

    await user.keyboard('{Enter}');
    // Tab into the panel (it scrolls, so it takes focus), then Escape: closed, and focus is back on the toggle.
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('region', { name: 'LiveProgress devtools' }));
    await user.keyboard('{Escape}');
    expect(screen.queryByRole('region', { name: 'LiveProgress devtools' })).toBeNull();
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(document.activeElement).toBe(toggle);
  });

  it('leaves the page its own Escape: pressed outside the devtools, it does not close them', async () => {
    const user = userEvent.setup();
    const Wrapper = withProvider({ url: api.url, token: api.token() });
    render(
      <Wrapper>
        <input aria-label="search" />
        <LiveProgressDevtools initialOpen />
      </Wrapper>,
    );
    await user.click(screen.getByRole('textbox', { name: 'search' }));
    await user.keyboard('{Escape}');
    expect(screen.getByRole('region', { name: 'LiveProgress devtools' })).toBeTruthy();
  });
});
