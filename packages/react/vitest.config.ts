import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // The guide's examples and the tests import the package by name, as an app would.
    alias: { '@liveprogress/react': fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
  },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Each file starts its own demo API; one file at a time keeps ports and CPU calm.
    fileParallelism: false,
  },
});
