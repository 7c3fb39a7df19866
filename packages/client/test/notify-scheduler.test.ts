import { afterEach, describe, expect, it, vi } from 'vitest';
import { createNotifyScheduler } from '../src/notify-scheduler.js';

describe('createNotifyScheduler', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('coalesces any number of schedule calls into one flush per frame when requestAnimationFrame exists', () => {
    const frames: (() => void)[] = [];
    vi.stubGlobal('requestAnimationFrame', (cb: () => void) => frames.push(cb));
    vi.stubGlobal('cancelAnimationFrame', () => undefined);
    let flushes = 0;
    const scheduler = createNotifyScheduler('frame', () => flushes++);
    for (let i = 0; i < 1000; i++) scheduler.schedule();
    expect(frames).toHaveLength(1);
    frames[0]!();
    expect(flushes).toBe(1);
    scheduler.schedule();
    expect(frames).toHaveLength(2);
  });

  it('falls back to a 16 ms timer where there is no requestAnimationFrame (Node, SSR)', async () => {
    expect(typeof (globalThis as { requestAnimationFrame?: unknown }).requestAnimationFrame).toBe('undefined');
    let flushes = 0;
    const scheduler = createNotifyScheduler('frame', () => flushes++);
    scheduler.schedule();
    scheduler.schedule();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(flushes).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(flushes).toBe(1);
  });

  it('cancels a pending animation frame', () => {
    const cancelled: number[] = [];
    vi.stubGlobal('requestAnimationFrame', () => 42);
    vi.stubGlobal('cancelAnimationFrame', (handle: number) => cancelled.push(handle));
    const scheduler = createNotifyScheduler('frame', () => undefined);
    scheduler.schedule();
    scheduler.cancel();
    expect(cancelled).toEqual([42]);
  });

  it('flushes once per microtask in microtask mode and not at all once cancelled', async () => {
    let flushes = 0;
    const scheduler = createNotifyScheduler('microtask', () => flushes++);
    scheduler.schedule();
    scheduler.schedule();
    await Promise.resolve();
    expect(flushes).toBe(1);
    scheduler.schedule();
    scheduler.cancel();
    await Promise.resolve();
    expect(flushes).toBe(1);
  });

  it('flushes immediately in sync mode', () => {
    let flushes = 0;
    createNotifyScheduler('sync', () => flushes++).schedule();
    expect(flushes).toBe(1);
  });
});
