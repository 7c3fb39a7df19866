import { defineConfig } from 'vitest/config';

// Drills run by hand (`pnpm drill:stall`), not in `npm test`: they last minutes by design.
export default defineConfig({
  test: {
    include: ['drills/**/*.drill.ts'],
    testTimeout: 600_000,
    hookTimeout: 120_000,
  },
});
