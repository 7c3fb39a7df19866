import { vi } from 'vitest';

const CLIENT_SOURCES = '/packages/client/src/';

/**
 * Watches the timers the client's own code starts (the first frame outside this file and
 * node_modules is in packages/client/src), so a test can tell every one of them ended — fired
 * or cleared. Counting the process's timers instead also counts the in-process test server's
 * (an operation's simulated work, its coalescer, its lease), which live as long as the
 * operation does and make such a count depend on the machine's load.
 */
export function watchClientTimers(): { pending: () => number; restore: () => void } {
  const pending = new Set<unknown>();
  const real = { setTimeout, setInterval, clearTimeout, clearInterval };
  const startedByClient = () => {
    const frames = (new Error().stack ?? '').split('\n').slice(1);
    const caller = frames.find((frame) => !frame.includes('client-timers') && !frame.includes('node_modules'));
    return caller?.includes(CLIENT_SOURCES) ?? false;
  };
  vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    if (!startedByClient()) return real.setTimeout(callback, ms, ...args);
    const timer = real.setTimeout(
      (...given: unknown[]) => {
        pending.delete(timer);
        callback(...given);
      },
      ms,
      ...args,
    );
    pending.add(timer);
    return timer;
  }) as typeof setTimeout);
  vi.spyOn(globalThis, 'setInterval').mockImplementation(((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
    const timer = real.setInterval(callback, ms, ...args);
    if (startedByClient()) pending.add(timer);
    return timer;
  }) as typeof setInterval);
  for (const clear of ['clearTimeout', 'clearInterval'] as const) {
    vi.spyOn(globalThis, clear).mockImplementation((timer?: Parameters<typeof clearTimeout>[0]) => {
      pending.delete(timer);
      real[clear](timer);
    });
  }
  return {
    pending: () => pending.size,
    restore: () => {
      for (const name of ['setTimeout', 'setInterval', 'clearTimeout', 'clearInterval'] as const) vi.mocked(globalThis[name]).mockRestore();
    },
  };
}
