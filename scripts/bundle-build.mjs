// How the size scripts build a bundle: as apps ship it (esbuild --minify, a production build where
// every app bundler replaces `process.env.NODE_ENV` with "production"), from a one-line entry
// resolved from apps/web, so both packages are found through their exports maps.
// Used by scripts/bundle-size.mjs (the bounds) and scripts/bundle-modules.mjs (where the bytes are).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

/** Peers an app brings itself (TanStack Query and SWR only for the /query and /swr entries): never counted. */
export const PEERS = ['react', 'react-dom', 'react/jsx-runtime', 'sonner', '@tanstack/react-query', 'swr'];
/** Our dependencies: counted in the "with socket.io-client" figure, left out of "our own code". */
export const DEPENDENCIES = ['socket.io-client', 'date-fns'];
/** The typical import of issue 16's bound. */
export const TYPICAL_IMPORT = "export { WebSocketProvider, useLiveOperation, useOperation, ProgressTracker } from '@liveprogress/react';";

const webApp = new URL('../apps/web/', import.meta.url).pathname;

/** Bundles `source` (an entry module's text) with `external` left out; `options` adds esbuild options (metafile, sourcemap). */
export async function buildBundle(source, external, options = {}) {
  const dir = mkdtempSync(join(webApp, '.size-'));
  try {
    const entry = join(dir, 'entry.mjs');
    writeFileSync(entry, source);
    return await build({
      entryPoints: [entry],
      outfile: join(dir, 'out.js'),
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      external,
      write: false,
      logLevel: 'error',
      define: { 'process.env.NODE_ENV': '"production"' },
      ...options,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
