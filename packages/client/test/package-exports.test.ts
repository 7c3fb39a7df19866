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

  it("loads the fallback entry as ESM and as CommonJS, whose errors are instances of the main entry's error class", async () => {
    const require = createRequire(import.meta.url);
    const esm = (await import(`${SELF}/fallback`)) as Record<string, unknown>;
    const cjs = require(`${SELF}/fallback`) as { httpFallback: (options: object) => unknown };
    expect(typeof esm.httpFallback).toBe('function');
    expect(typeof cjs.httpFallback).toBe('function');
    const main = require(SELF) as { LiveProgressClientError: new (...args: never[]) => Error };
    // The CommonJS fallback bundles its own copy of the error class: a bad option still is the main entry's error.
    let thrown: unknown;
    try {
      cjs.httpFallback({ afterFailures: 0 });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(main.LiveProgressClientError);
    expect(thrown).toMatchObject({ code: 'CONFIG_INVALID' });
  });
});
