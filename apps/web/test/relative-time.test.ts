import { describe, expect, it } from 'vitest';
import { relativeTime } from '../lib/relative-time';

describe("the demo's relative times", () => {
  it('says "just now" for the first seconds, never "0 seconds ago"', () => {
    const now = Date.UTC(2026, 0, 1, 12, 0, 0);
    expect(relativeTime(now, now)).toBe('just now');
    expect(relativeTime(now - 9_000, now)).toBe('just now');
    expect(relativeTime(now - 15_000, now)).toBe('15 seconds ago');
    expect(relativeTime(now - 2 * 60_000, now)).toBe('2 minutes ago');
  });
});
