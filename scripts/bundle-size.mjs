#!/usr/bin/env node
// What @liveprogress/client + @liveprogress/react add to a browser bundle, minified and gzipped,
// with the React peers (react, react-dom, sonner) left out. Run after a build: `npm run size`.
// Measured as apps ship it: a production build, where every app bundler replaces
// `process.env.NODE_ENV` with "production" and drops the developer-only text (docs/client.md,
// Development and production builds).
// Exits non-zero when the typical import is over its bounds (issue 16: 10 kB of our own code,
// 25 kB with socket.io-client and date-fns) or carries an opt-in entry.
import { gzipSync } from 'node:zlib';
import { DEPENDENCIES, PEERS, TYPICAL_IMPORT, buildBundle } from './bundle-build.mjs';

const TYPICAL = 'a typical app (provider, useLiveOperation, useOperation, ProgressTracker)';
const DEVTOOLS = 'the devtools alone (@liveprogress/react/devtools)';
const QUERY = 'the /query entry alone (TanStack Query left out)';
const SWR = 'the /swr entry alone (swr left out)';
const FALLBACK = 'the /fallback entry alone (httpFallback)';

/** min+gz bounds of the typical import, in kB: our own code alone, and with its dependencies. */
const TYPICAL_BOUNDS = { own: 10, withDependencies: 25 };
/**
 * Sources that must stay out of the typical import's bundle: an app pays for them only when it imports
 * their entry. Each is also looked for in its own entry's bundle, so a pattern that matches nothing fails.
 */
const KEPT_OUT = [
  { what: 'the devtools', path: /packages\/react\/dist\/devtools/, entry: DEVTOOLS },
  { what: 'the TanStack Query invalidation', path: /packages\/react\/dist\/(query|invalidation\/use-query-invalidation)\.js/, entry: QUERY },
  { what: 'the SWR invalidation', path: /packages\/react\/dist\/(swr|invalidation\/use-swr-invalidation)\.js/, entry: SWR },
  {
    what: 'the SSE and polling fallback',
    path: /packages\/client\/dist\/(fallback|transport-selector|sse-transport|polling-transport|http-transport|http-link|room-event-stream|operation-stream|read-sse)\.js/,
    entry: FALLBACK,
  },
];

/** Libraries that must never reach the typical import, whatever a contract is written with (docs/typed-operations.md). */
const NEVER_IN_TYPICAL = [{ what: 'any validator library (zod, valibot, arktype)', path: /node_modules\/(\.pnpm\/)?(zod|valibot|arktype)[@/]/ }];

const entries = {
  'everything public (export * from both)': "export * from '@liveprogress/react'; export * from '@liveprogress/client';",
  [TYPICAL]: TYPICAL_IMPORT,
  [DEVTOOLS]: "export { LiveProgressDevtools } from '@liveprogress/react/devtools';",
  [QUERY]: "export * from '@liveprogress/react/query';",
  [SWR]: "export * from '@liveprogress/react/swr';",
  [FALLBACK]: "export { httpFallback } from '@liveprogress/react/fallback';",
};

const inputsOf = {};
const kBOf = {};

console.log('| bundle | with socket.io-client + date-fns | our code alone |\n|---|---:|---:|');
for (const [label, source] of Object.entries(entries)) {
  const sizes = [];
  kBOf[label] = [];
  for (const external of [PEERS, [...PEERS, ...DEPENDENCIES]]) {
    const result = await buildBundle(source, external, { metafile: true });
    // What the bundle carries: the modules with bytes in the output (the metafile's inputs also list
    // modules that were parsed and then shaken out entirely, such as a main entry's unused re-exports).
    const [output] = Object.values(result.metafile.outputs);
    inputsOf[label] = Object.entries(output.inputs)
      .filter(([, { bytesInOutput }]) => bytesInOutput > 0)
      .map(([input]) => input);
    const kB = gzipSync(result.outputFiles[0].contents, { level: 9 }).length / 1000;
    kBOf[label].push(kB);
    sizes.push(`${kB.toFixed(1)} kB`);
  }
  console.log(`| ${label} | ${sizes[0]} | ${sizes[1]} |`);
}
console.log(
  '\nmin+gz (esbuild --minify, production build: process.env.NODE_ENV = "production", gzip -9); react, react-dom and sonner (and TanStack Query, swr) are peers and left out.',
);
console.log('');
const [withDependencies, own] = kBOf[TYPICAL];
for (const [what, kB, bound] of [
  ["our own code in the typical app's bundle", own, TYPICAL_BOUNDS.own],
  ["the typical app's bundle with socket.io-client", withDependencies, TYPICAL_BOUNDS.withDependencies],
]) {
  const ok = kB <= bound;
  if (!ok) process.exitCode = 1;
  console.log(`${ok ? '✓' : '✗'} ${what}: ${kB.toFixed(1)} kB min+gz (bound ${bound} kB)`);
}
for (const { what, path } of NEVER_IN_TYPICAL) {
  const inTypical = inputsOf[TYPICAL].some((input) => path.test(input));
  if (inTypical) process.exitCode = 1;
  console.log(`${inTypical ? '✗' : '✓'} ${what}: ${inTypical ? 'IN' : 'not in'} the typical app's bundle`);
}
for (const { what, path, entry } of KEPT_OUT) {
  const inTypical = inputsOf[TYPICAL].some((input) => path.test(input));
  const inOwn = inputsOf[entry].some((input) => path.test(input));
  const ok = !inTypical && inOwn;
  if (!ok) process.exitCode = 1;
  console.log(
    `${ok ? '✓' : '✗'} ${what}: ${inTypical ? 'IN' : 'not in'} the typical app's bundle${inOwn ? '' : ` (and not found in "${entry}" either: the check's pattern is stale)`}`,
  );
}
