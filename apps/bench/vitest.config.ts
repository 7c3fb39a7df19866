import { defineConfig } from 'vitest/config';
import { sharedTestOptions } from '../../vitest.shared.mjs';

export default defineConfig({
  test: {
    // The smoke test starts nine server processes and their load generators one after another.
    ...sharedTestOptions({ timeoutMs: 240_000, hookTimeoutMs: 120_000 }),
    include: ['test/**/*.test.ts'],
  },
});
