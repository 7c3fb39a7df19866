import type { ViteUserConfig } from 'vitest/config';

type TestOptions = NonNullable<ViteUserConfig['test']>;

export interface SharedTestOptions {
  /** The tsconfig that type-checks the `test/**\/*.test-d.ts` files; without one, no type tests run. */
  typecheckTsconfig?: string;
  /** Per test and per hook; real servers, sockets and browsers need more than vitest's 5 s. */
  timeoutMs?: number;
  hookTimeoutMs?: number;
}

/**
 * The `test` options every workspace's vitest config starts from: the JSON report that
 * scripts/run-tests.mjs sums into `total: N passed, M failed`, the timeouts, and the type tests.
 * A config spreads it and adds what is its own (include, environment, setup files).
 */
export function sharedTestOptions({ typecheckTsconfig, timeoutMs = 30_000, hookTimeoutMs = timeoutMs }: SharedTestOptions = {}): TestOptions {
  return {
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
    testTimeout: timeoutMs,
    hookTimeout: hookTimeoutMs,
    ...(typecheckTsconfig ? { typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: typecheckTsconfig } } : {}),
  };
}
