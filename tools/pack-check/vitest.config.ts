import { defineConfig } from 'vitest/config';
import { sharedTestOptions } from '../../vitest.shared.mjs';

export default defineConfig({
  test: {
    // npm install from the registry and two builds take minutes, not seconds.
    ...sharedTestOptions({ timeoutMs: 600_000 }),
    environment: 'node',
    include: ['test/**/*.test.ts'],
  },
});
