import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { sharedTestOptions } from '../../vitest.shared.mjs';

export default defineConfig({
  resolve: {
    // The documented examples (docs/react.md) and the tests import the package by name, as an app would.
    // Each entry of the exports map by its own name (the main one and /query, /swr, /testing, /devtools, /fallback).
    alias: [
      { find: /^@liveprogress\/react$/, replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)) },
      { find: /^@liveprogress\/react\/(query|swr|testing|devtools|fallback)$/, replacement: fileURLToPath(new URL('./src/$1.ts', import.meta.url)) },
    ],
  },
  test: {
    // Type-checks the whole test project (the documented examples included) and runs the *.test-d.ts files.
    ...sharedTestOptions({ typecheckTsconfig: './tsconfig.json' }),
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
    globalSetup: ['test/global-setup.ts'],
  },
});
