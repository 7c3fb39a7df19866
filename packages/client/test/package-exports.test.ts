import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

// A variable specifier keeps tsc from resolving dist/ types, so typechecking does not need a build.
const SELF: string = '@liveprogress/client';

describe('the built package', () => {
  it('loads through its exports map as ESM and as CommonJS, with no window around', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const esm = (await import(SELF)) as Record<string, unknown>;
    const cjs = createRequire(import.meta.url)(SELF) as Record<string, unknown>;
    for (const mod of [esm, cjs]) {
      expect(typeof mod.LiveProgressClient).toBe('function');
      expect(typeof mod.LiveProgressClientError).toBe('function');
      expect(typeof mod.OperationListStore).toBe('function');
      expect(mod.EMPTY_OPERATION_STATE).toMatchObject({ snapshot: null, subscription: 'idle' });
    }
  });
});
