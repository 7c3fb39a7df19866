import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, Record<string, string> | undefined>;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('@liveprogress/core', () => {
  it('depends on no Nest package, so a worker installs it without Nest', () => {
    const declared = ['dependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) => Object.keys(pkg[field] ?? {}));
    expect(declared.filter((name) => name.startsWith('@nestjs/'))).toEqual([]);
  });

  it('imports nothing from Nest, the other adapters or the apps', () => {
    const offending = sources(join(root, 'src')).filter((file) =>
      /from '(@nestjs\/|@liveprogress\/(nest|client|react)|\.\.\/\.\.\/\.\.\/apps)/.test(readFileSync(file, 'utf8')),
    );
    expect(offending).toEqual([]);
  });
});
