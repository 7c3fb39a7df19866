/**
 * Coalesces store notifications so a flood of events wakes listeners (and React)
 * at most once per frame. `flush` runs once per scheduled batch.
 */
export type NotifyMode = 'frame' | 'microtask' | 'sync' | ((flush: () => void) => () => void);

export interface NotifyScheduler {
  /** Ask for a flush; repeated calls before it runs are free. */
  schedule(): void;
  /** Drop a pending flush (close/dispose leave no timer behind). */
  cancel(): void;
}

interface FrameApi {
  requestAnimationFrame?: (cb: () => void) => number;
  cancelAnimationFrame?: (handle: number) => void;
}

/** Reads rAF lazily, at schedule time, so importing this in Node or during SSR touches no `window`. */
function scheduleFrame(flush: () => void): () => void {
  const api = globalThis as FrameApi;
  if (typeof api.requestAnimationFrame === 'function' && typeof api.cancelAnimationFrame === 'function') {
    const handle = api.requestAnimationFrame(flush);
    const cancel = api.cancelAnimationFrame;
    return () => cancel(handle);
  }
  const timer = setTimeout(flush, 16);
  return () => clearTimeout(timer);
}

function scheduleMicrotask(flush: () => void): () => void {
  let cancelled = false;
  queueMicrotask(() => {
    if (!cancelled) flush();
  });
  return () => {
    cancelled = true;
  };
}

export function createNotifyScheduler(mode: NotifyMode, flush: () => void): NotifyScheduler {
  if (mode === 'sync') return { schedule: flush, cancel: () => undefined };
  const schedule = mode === 'frame' ? scheduleFrame : mode === 'microtask' ? scheduleMicrotask : mode;
  let cancelPending: (() => void) | null = null;
  const run = (): void => {
    cancelPending = null;
    flush();
  };
  return {
    schedule() {
      if (cancelPending) return;
      cancelPending = schedule(run);
    },
    cancel() {
      cancelPending?.();
      cancelPending = null;
    },
  };
}
