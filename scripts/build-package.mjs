#!/usr/bin/env node
// Builds the library package in the current directory from its `exports` map, with one TypeScript
// (the workspace's tsc) and no bundler of declarations:
// - `tsc -p tsconfig.build.json` writes the ESM `.js` and `.d.ts` files into dist/, one per source file;
// - every `require` entry (`./dist/X.cjs`) is bundled from src/X.ts(x) by esbuild, dependencies left external;
// - every `.d.ts` gets a `.d.cts` twin whose relative `.js` specifiers end in `.cjs`, so CommonJS
//   consumers resolve CommonJS declarations all the way down;
// - any other file the map points into dist/ (a stylesheet) is copied from src/.
// Entries that import the package by its own name require it at run time (one copy of shared state).
// esbuild keeps an entry's own directive ('use client') at the top of its CommonJS bundle.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const dir = process.cwd();
const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));

/** Every path the exports map points at. */
const targets = (node) => (typeof node === 'string' ? [node] : Object.values(node ?? {}).flatMap(targets));

const exported = targets(pkg.exports).filter((path) => path.startsWith('./dist/'));
const cjsEntries = exported.filter((path) => path.endsWith('.cjs')).map((path) => path.slice('./dist/'.length, -'.cjs'.length));
const copied = exported.filter((path) => !/\.(c|m)?js$|\.d\.(c|m)?ts$/.test(path)).map((path) => path.slice('./dist/'.length));
const typesVersions = Object.values(pkg.typesVersions ?? {}).flatMap((map) => Object.values(map).flat());

rmSync(join(dir, 'dist'), { recursive: true, force: true });

const tsc = spawnSync('tsc', ['-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'inherit', shell: process.platform === 'win32' });
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

for (const name of cjsEntries) {
  const source = ['ts', 'tsx'].map((ext) => join(dir, 'src', `${name}.${ext}`)).find(existsSync);
  if (!source) throw new Error(`${pkg.name}: exports has ./dist/${name}.cjs but there is no src/${name}.ts(x) to build it from`);
  await build({
    entryPoints: [source],
    outfile: join(dir, 'dist', `${name}.cjs`),
    bundle: true,
    packages: 'external',
    // An entry that imports the package's own main entry by name (to share its React context) must
    // require it, not bundle a copy: tsconfig `paths` would otherwise resolve the name to src/.
    external: [pkg.name, `${pkg.name}/*`],
    format: 'cjs',
    platform: 'neutral',
    target: 'es2022',
    sourcemap: true,
    jsx: 'automatic',
    logLevel: 'warning',
  });
}

const RELATIVE_JS = /((?:from|import)\s*\(?\s*)(['"])(\.{1,2}\/[^'"]*?)\.js\2/g;
function declarations(folder) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return declarations(path);
    return entry.name.endsWith('.d.ts') ? [path] : [];
  });
}
if (cjsEntries.length > 0) {
  for (const file of declarations(join(dir, 'dist'))) {
    const text = readFileSync(file, 'utf8').replace(RELATIVE_JS, '$1$2$3.cjs$2');
    writeFileSync(file.replace(/\.d\.ts$/, '.d.cts'), text);
  }
}

for (const file of copied) copyFileSync(join(dir, 'src', file), join(dir, 'dist', file));

const missing = [...exported, ...typesVersions, pkg.main, pkg.module, pkg.types].filter((path) => path && !existsSync(join(dir, path)));
if (missing.length > 0) throw new Error(`${pkg.name}: the build did not produce ${missing.join(', ')} (named in package.json)`);
console.log(`${pkg.name}: built dist/ (ESM + .d.ts by tsc${cjsEntries.length ? `, CJS + .d.cts for ${cjsEntries.join(', ')}` : ''})`);
