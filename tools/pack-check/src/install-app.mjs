// npm, not pnpm, in a folder outside the repository: nothing can resolve through the workspace's
// links or its node_modules, so the app sees only what the tarballs and the registry give it.
import { lstatSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCommand } from './run-command.mjs';

/** `npm install` in `dir`; then checks every @liveprogress package came from its tarball, as a real folder. */
export async function installApp(dir, packed) {
  await runCommand('npm', ['install', '--no-audit', '--no-fund', '--no-update-notifier'], { cwd: dir, timeoutMs: 600_000 });
  const lock = JSON.parse(readFileSync(join(dir, 'package-lock.json'), 'utf8'));
  const installed = Object.entries(lock.packages).filter(([path]) => /(^|\/)node_modules\/@liveprogress\//.test(path));
  const problems = [];
  for (const [path, entry] of installed) {
    const name = path.slice(path.lastIndexOf('@liveprogress/'));
    const expected = packed.find((pkg) => pkg.name === name);
    if (!expected) problems.push(`${path}: ${name} is not one of the packed packages`);
    else if (!entry.resolved?.startsWith('file:') || !entry.resolved.endsWith('.tgz'))
      problems.push(`${path}: resolved from ${entry.resolved ?? 'nowhere'}, not from its tarball`);
    else if (entry.version !== expected.version) problems.push(`${path}: version ${entry.version}, the tarball's is ${expected.version}`);
    if (lstatSync(join(dir, path)).isSymbolicLink()) problems.push(`${path}: a link, not an installed copy`);
  }
  if (problems.length > 0) throw new Error(`npm installed the packages wrongly in ${dir}:\n${problems.join('\n')}`);
  return installed.map(([path]) => path);
}
