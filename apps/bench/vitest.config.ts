import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    reporters: ['default', ['json', { outputFile: 'test-results.json' }]],
    // The smoke test starts nine server processes and their load generators one after another.
    testTimeout: 240_000,
    hookTimeout: 120_000,
  },
});
