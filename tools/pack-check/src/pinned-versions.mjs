// The versions the monorepo itself pins, so the fresh apps run on the stack the packages are
// tested with rather than on whatever the registry has newest.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from './public-packages.mjs';

function manifests() {
  const dirs = [
    REPO_ROOT,
    ...['packages', 'apps', 'tools'].flatMap((group) => readdirSync(join(REPO_ROOT, group)).map((name) => join(REPO_ROOT, group, name))),
  ];
  return dirs.filter((dir) => existsSync(join(dir, 'package.json'))).map((dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')));
}

/** `name`'s exact version as a dependency or dev dependency somewhere in the workspace, else in the lockfile. */
export function pinnedVersion(name) {
  for (const pkg of manifests()) {
    const range = pkg.dependencies?.[name] ?? pkg.devDependencies?.[name];
    if (range && /^\d+\.\d+\.\d+$/.test(range)) return range;
  }
  // A tool the workspace gets only through another (vite, through vitest): the lockfile's one version.
  const lock = readFileSync(join(REPO_ROOT, 'pnpm-lock.yaml'), 'utf8');
  const escaped = name.replace(/[/.]/g, '\\$&');
  const versions = new Set([...lock.matchAll(new RegExp(`^  '?${escaped}@(\\d+\\.\\d+\\.\\d+)'?:$`, 'gm'))].map((match) => match[1]));
  if (versions.size !== 1) throw new Error(`${name}: expected one pinned version in the workspace, found ${versions.size ? [...versions].join(', ') : 'none'}`);
  return [...versions][0];
}

/** `{ name: version }` for each name. */
export function pins(names) {
  return Object.fromEntries(names.map((name) => [name, pinnedVersion(name)]));
}
