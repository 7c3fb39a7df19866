import { describe, expect, it } from 'vitest';
import { matchesPattern } from '../src/index.js';

describe('matchesPattern', () => {
  it('matches any event under a trailing wildcard, at any depth', () => {
    expect(matchesPattern('custom.event.*', 'custom.event.created')).toBe(true);
    expect(matchesPattern('custom.event.*', 'custom.event.a.b')).toBe(true);
    expect(matchesPattern('platform.*', 'platform.table.refresh')).toBe(true);
  });

  it('does not match the bare prefix or a sibling namespace', () => {
    expect(matchesPattern('custom.event.*', 'custom.event')).toBe(false);
    expect(matchesPattern('custom.event.*', 'custom.eventx.created')).toBe(false);
    expect(matchesPattern('platform.*', 'progress.updated')).toBe(false);
  });

  it('matches everything with a lone star', () => {
    expect(matchesPattern('*', 'progress.updated')).toBe(true);
    expect(matchesPattern('*', 'a')).toBe(true);
  });

  it('treats dots and other characters literally', () => {
    expect(matchesPattern('a.b', 'a.b')).toBe(true);
    expect(matchesPattern('a.b', 'axb')).toBe(false);
    expect(matchesPattern('a.*.c', 'a.x.c')).toBe(true);
    expect(matchesPattern('a.*.c', 'a.x.d')).toBe(false);
    expect(matchesPattern('job:*', 'job:42')).toBe(true);
  });
});
