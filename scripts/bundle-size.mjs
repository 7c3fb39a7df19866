#!/usr/bin/env node
// What @liveprogress/client + @liveprogress/react add to a browser bundle, minified and gzipped,
// with the React peers (react, react-dom, sonner) left out. Run after a build: `npm run size`.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const webApp = new URL('../apps/web/', import.meta.url).pathname; // resolves both packages through their exports maps
// TanStack Query and SWR are optional peers of the /query and /swr entries only.
const PEERS = ['react', 'react-dom', 'react/jsx-runtime', 'sonner', '@tanstack/react-query', 'swr'];
const DEPENDENCIES = ['socket.io-client', 'date-fns'];

const entries = {
  'everything public (export * from both)': "export * from '@liveprogress/react'; export * from '@liveprogress/client';",
  'a typical app (provider, useLiveOperation, useOperation, ProgressTracker)':
    "export { WebSocketProvider, useLiveOperation, useOperation, ProgressTracker } from '@liveprogress/react';",
  // Separate entries: each row is what importing it adds on top of nothing; the rows above carry none of them.
  'the /query entry (TanStack Query left out)': "export * from '@liveprogress/react/query';",
  'the /swr entry (swr left out)': "export * from '@liveprogress/react/swr';",
};

const dir = mkdtempSync(join(webApp, '.size-'));
try {
  console.log('| bundle | with socket.io-client + date-fns | our code alone |\n|---|---:|---:|');
  for (const [label, source] of Object.entries(entries)) {
    const entry = join(dir, 'entry.mjs');
    writeFileSync(entry, source);
    const sizes = [];
    for (const external of [PEERS, [...PEERS, ...DEPENDENCIES]]) {
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        minify: true,
        format: 'esm',
        platform: 'browser',
        external,
        write: false,
        logLevel: 'error',
      });
      sizes.push(`${(gzipSync(result.outputFiles[0].contents, { level: 9 }).length / 1000).toFixed(1)} kB`);
    }
    console.log(`| ${label} | ${sizes[0]} | ${sizes[1]} |`);
  }
  console.log('\nmin+gz (esbuild --minify, gzip -9); react, react-dom and sonner (and TanStack Query, swr) are peers and left out.');
} finally {
  rmSync(dir, { recursive: true, force: true });
}
