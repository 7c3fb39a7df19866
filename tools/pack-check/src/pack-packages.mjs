// `pnpm pack` of every public package: what the registry would get, with `workspace:*` ranges
// rewritten to the versions they point at.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLIC_PACKAGES, REPO_ROOT } from './public-packages.mjs';
import { runCommand } from './run-command.mjs';

const PNPM = join(REPO_ROOT, 'node_modules', '.bin', 'pnpm');

/** Packs each package into `destination`; returns `{ name, version, dir, attwArgs, tarball, files }` for each. */
export async function packPackages(destination) {
  const packed = [];
  for (const pkg of PUBLIC_PACKAGES) {
    const { version } = JSON.parse(readFileSync(join(pkg.dir, 'package.json'), 'utf8'));
    // --json prints the tarball's path among the files it packed; it is the last line otherwise.
    const output = await runCommand(PNPM, ['pack', '--pack-destination', destination, '--json'], { cwd: pkg.dir, env: process.env, timeoutMs: 60_000 });
    const { filename, files } = JSON.parse(output.slice(output.indexOf('{')));
    packed.push({ ...pkg, version, tarball: filename.startsWith('/') ? filename : join(destination, filename), files: files.map((file) => file.path) });
  }
  return packed;
}
