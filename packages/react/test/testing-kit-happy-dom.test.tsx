// @vitest-environment happy-dom
// The testing kit needs nothing of jsdom: the same user test, under happy-dom.
import { ProgressTracker, useOperation } from '@liveprogress/react';
import { createTestLiveProgress } from '@liveprogress/react/testing';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

afterEach(() => cleanup());

function Message({ operationId }: { operationId: string }) {
  const { snapshot } = useOperation(operationId);
  return <p data-testid="message">{snapshot?.message ?? 'No news yet'}</p>;
}

describe('@liveprogress/react/testing under happy-dom', () => {
  it('drives a tracker from update to complete with fake timers installed', async () => {
    // Nothing in the kit waits on a timer, so faked ones change nothing.
    vi.useFakeTimers({ toFake: ['setTimeout', 'setInterval', 'requestAnimationFrame'] });
    try {
      const live = createTestLiveProgress();
      const op = live.operation('export-7');
      render(
        <>
          <ProgressTracker config={{ operationId: 'export-7', operationType: 'generic', title: 'Exporting' }} />
          <Message operationId="export-7" />
        </>,
        { wrapper: live.wrapper },
      );
      expect(screen.getByTestId('message').textContent).toBe('No news yet');

      await act(() => op.update({ progress: 25, message: 'Page 1 of 4' }));
      expect(screen.getByRole('progressbar', { name: 'Exporting' }).getAttribute('aria-valuenow')).toBe('25');
      expect(screen.getByTestId('message').textContent).toBe('Page 1 of 4');

      await act(() => op.complete(undefined, { message: 'Exported' }));
      expect(screen.getByRole('progressbar', { name: 'Exporting' }).getAttribute('aria-valuenow')).toBe('100');
      expect(screen.getByTestId('message').textContent).toBe('Exported');
    } finally {
      vi.useRealTimers();
    }
  });
});
