// The pack check's steps, shared by `npm run pack-check` (scripts/pack-check.mjs) and this
// workspace's test (which runs them as separate tests, so each counts in `npm test`'s total).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { driveOperation } from './drive-operation.mjs';
import { writeNestApp } from './fresh-nest-app.mjs';
import { writeReactApp } from './fresh-react-app.mjs';
import { installApp } from './install-app.mjs';
import { attw, publintFindings } from './lint-package.mjs';
import { packPackages } from './pack-packages.mjs';
import { runCommand } from './run-command.mjs';

export { PUBLIC_PACKAGES } from './public-packages.mjs';
export { attw, driveOperation, installApp, packPackages, publintFindings };

/** A folder under the system's temp dir, outside the repository: the apps cannot reach its node_modules. */
export function makeWorkDir() {
  const dir = mkdtempSync(join(tmpdir(), 'liveprogress-pack-check-'));
  return {
    dir,
    tarballs: join(dir, 'tarballs'),
    nestApp: join(dir, 'nest-app'),
    reactApp: join(dir, 'react-app'),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** Writes both fresh apps against the packed tarballs. */
export function writeApps(work, packed) {
  const byName = Object.fromEntries(packed.map((pkg) => [pkg.name, pkg.tarball]));
  writeNestApp(work.nestApp, byName);
  writeReactApp(work.reactApp, byName);
}

/** `npm run build` of an app: tsc for the Nest app; tsc then vite build for the React app. */
export function buildApp(dir) {
  return runCommand('npm', ['run', 'build', '--silent'], { cwd: dir, timeoutMs: 300_000 });
}
