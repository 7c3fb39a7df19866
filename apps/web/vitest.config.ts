import { defineConfig } from 'vitest/config';
import { sharedTestOptions } from '../../vitest.shared.mjs';

export default defineConfig({
  test: {
    ...sharedTestOptions({ timeoutMs: 90_000 }),
    environment: 'node',
    include: ['test/**/*.test.ts'],
    // Each file starts the demo API, `next start` and Chromium: real servers, real browser, two cores.
    fileParallelism: false,
  },
});
