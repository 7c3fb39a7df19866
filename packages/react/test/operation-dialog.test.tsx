import { OperationDialog, type ProgressConfig } from '@liveprogress/react';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { useState, type ReactNode } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { useTestServer } from './support/test-server.js';
import { LIVE, withProvider } from './support/wrapper.js';

const api = useTestServer();

/** A page with a button that opens the dialog for an operation it starts, as an app would. */
function Page({
  start,
  autoCloseMs,
  onClose,
  children,
}: {
  start: () => Promise<string>;
  autoCloseMs?: number | null;
  onClose?: () => void;
  children?: ReactNode;
}) {
  const [config, setConfig] = useState<ProgressConfig | null>(null);
  return (
    <main>
      <button type="button" onClick={async () => setConfig({ operationId: await start(), operationType: 'generic', title: 'Exporting orders' })}>
        Export
      </button>
      <button type="button">Elsewhere</button>
      {config ? (
        <OperationDialog
          open
          config={config}
          autoCloseMs={autoCloseMs}
          onClose={() => {
            onClose?.();
            setConfig(null);
          }}
        >
          {children}
        </OperationDialog>
      ) : null}
    </main>
  );
}

async function openDialog(body: Record<string, unknown>, props: Partial<Parameters<typeof Page>[0]> = {}) {
  const token = await api.token();
  const start = async () => (await api.start(token, '/api/my-operations', body)).operationId;
  render(<Page start={start} {...props} />, { wrapper: withProvider({ url: api.url, token }) });
  const opener = screen.getByRole('button', { name: 'Export' });
  opener.focus();
  await act(async () => opener.click());
  const dialog = await waitFor(() => screen.getByRole('dialog', { name: 'Exporting orders' }), LIVE);
  return { opener, dialog };
}

describe('OperationDialog', () => {
  it('is a labelled modal dialog that takes focus, follows the operation and closes by itself after completion', async () => {
    const onClose = vi.fn();
    const { opener, dialog } = await openDialog({ simulate: { durationMs: 600 } }, { autoCloseMs: 300, onClose });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    await waitFor(() => expect(dialog.contains(document.activeElement)).toBe(true));
    expect(screen.getByRole('progressbar', { name: 'Exporting orders' })).toBeTruthy();

    await waitFor(() => expect(dialog.getAttribute('data-status')).toBe('completed'), LIVE);
    // Still open right after completion, so the result can be seen…
    expect(screen.getByRole('dialog')).toBeTruthy();
    // …then gone by itself, with focus back on the button that opened it.
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull(), LIVE);
    expect(onClose).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(opener);
  });

  it('stays open after a failure until dismissed, and Escape closes it', async () => {
    const { opener, dialog } = await openDialog({ simulate: { durationMs: 400, failAtStage: 'processing' } }, { autoCloseMs: 100 });
    await waitFor(() => expect(dialog.getAttribute('data-status')).toBe('failed'), LIVE);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(screen.getByRole('dialog')).toBeTruthy();
    expect(screen.getByRole('alert').textContent).toBeTruthy();

    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(opener);
  });

  it('keeps Tab and Shift+Tab inside, and brings focus back when it escapes', async () => {
    const { dialog } = await openDialog(
      { simulate: { durationMs: 5000 } },
      {
        autoCloseMs: null,
        children: (
          <button type="button" className="cancel">
            Cancel operation
          </button>
        ),
      },
    );
    const cancel = screen.getByRole('button', { name: 'Cancel operation' });
    const close = screen.getByRole('button', { name: 'Close' });
    await waitFor(() => expect(document.activeElement).toBe(cancel));

    close.focus();
    fireEvent.keyDown(close, { key: 'Tab' });
    expect(document.activeElement).toBe(cancel);
    fireEvent.keyDown(cancel, { key: 'Tab', shiftKey: true });
    expect(document.activeElement).toBe(close);

    act(() => screen.getByRole('button', { name: 'Elsewhere' }).focus());
    expect(dialog.contains(document.activeElement)).toBe(true);
    fireEvent.click(close);
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('never closes by itself with autoCloseMs null', async () => {
    const { dialog } = await openDialog({ simulate: { durationMs: 300 } }, { autoCloseMs: null });
    await waitFor(() => expect(dialog.getAttribute('data-status')).toBe('completed'), LIVE);
    await new Promise((resolve) => setTimeout(resolve, 1800));
    expect(screen.getByRole('dialog')).toBeTruthy();
  });
});
