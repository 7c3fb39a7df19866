// The packages the project publishes, and the few findings of attw that are the design rather than a fault.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../..', import.meta.url));

/**
 * In dependency order. `attwArgs` are passed to `attw` after the tarball; everything not named
 * there fails the check.
 */
export const PUBLIC_PACKAGES = [
  { name: '@liveprogress/protocol', dir: join(REPO_ROOT, 'packages/protocol'), attwArgs: [] },
  {
    name: '@liveprogress/core',
    dir: join(REPO_ROOT, 'packages/core'),
    // ESM only, like Nest 12 it runs beside. attw reports a `require()` of it as "ESM (dynamic import
    // only)", but the package needs Node >= 20.19 (`engines`), where `require()` of an ES module works.
    attwArgs: ['--ignore-rules', 'cjs-resolves-to-esm'],
  },
  {
    name: '@liveprogress/nest',
    dir: join(REPO_ROOT, 'packages/nest'),
    // ESM only because Nest 12 is ESM only: a CommonJS Nest app cannot exist to require it. As for
    // core, `require()` of it works on the Node >= 20.19 its `engines` asks for.
    attwArgs: ['--ignore-rules', 'cjs-resolves-to-esm'],
  },
  { name: '@liveprogress/client', dir: join(REPO_ROOT, 'packages/client'), attwArgs: [] },
  {
    name: '@liveprogress/react',
    dir: join(REPO_ROOT, 'packages/react'),
    // A stylesheet, imported for its side effect by bundlers; it has no types to resolve.
    attwArgs: ['--exclude-entrypoints', './styles.css'],
  },
];
