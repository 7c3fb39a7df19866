// The packages as the registry would serve them, used outside the monorepo (scripts/pack-check.mjs
// runs the same steps from the command line). The steps run in order and share one temp folder;
// a step whose predecessor failed fails too, saying so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUBLIC_PACKAGES, attw, buildApp, driveOperation, installApp, makeWorkDir, packPackages, publintFindings, writeApps } from '../src/pack-check.mjs';

type Packed = Awaited<ReturnType<typeof packPackages>>;

describe('the published packages', () => {
  const work = makeWorkDir();
  let packed: Packed = [];
  const done = new Set<string>();
  const requireStep = (step: string) => {
    if (!done.has(step)) throw new Error(`skipped: "${step}" did not succeed`);
  };

  beforeAll(async () => {
    packed = await packPackages(work.tarballs);
  });
  afterAll(() => {
    if (process.env.LP_KEEP_PACK_CHECK !== '1') work.remove();
  });

  it('packs every public package with its workspace ranges rewritten to versions', () => {
    expect(packed.map((pkg) => pkg.name)).toEqual(PUBLIC_PACKAGES.map((pkg) => pkg.name));
  });

  it.each(PUBLIC_PACKAGES.map((pkg) => pkg.name))('ships the licence and a README in the tarball of %s', (name) => {
    const pkg = packed.find((candidate) => candidate.name === name);
    expect(pkg).toBeDefined();
    expect(pkg!.files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'package.json']));
  });

  it.each(PUBLIC_PACKAGES.map((pkg) => pkg.name))('publint finds nothing wrong with the tarball of %s', async (name) => {
    const pkg = packed.find((candidate) => candidate.name === name);
    expect(pkg).toBeDefined();
    expect(await publintFindings(pkg!.tarball)).toEqual([]);
  });

  it.each(PUBLIC_PACKAGES.map((pkg) => pkg.name))('attw finds no wrong types in the tarball of %s', async (name) => {
    const pkg = packed.find((candidate) => candidate.name === name);
    expect(pkg).toBeDefined();
    // attw exits non-zero on any problem it was not told to allow; its report is the error.
    expect(await attw(pkg!.tarball, pkg!.attwArgs)).toMatch(/No problems found/);
  });

  it('installs the tarballs with npm into a fresh Nest app and a fresh React app, each from its tarball', async () => {
    writeApps(work, packed);
    const [nest, react] = await Promise.all([installApp(work.nestApp, packed), installApp(work.reactApp, packed)]);
    expect(nest).toEqual(['node_modules/@liveprogress/core', 'node_modules/@liveprogress/nest', 'node_modules/@liveprogress/protocol']);
    expect(react).toEqual(['node_modules/@liveprogress/client', 'node_modules/@liveprogress/protocol', 'node_modules/@liveprogress/react']);
    done.add('install');
  });

  it('builds the fresh Nest app with tsc against the packages’ declarations', async () => {
    requireStep('install');
    await buildApp(work.nestApp);
    done.add('nest build');
  });

  it('type-checks the fresh React app and builds it with Vite', async () => {
    requireStep('install');
    await buildApp(work.reactApp);
    done.add('react build');
  });

  it('runs one operation started from the React app in Chromium to completion on the Nest app', async () => {
    requireStep('nest build');
    requireStep('react build');
    const seen = await driveOperation({ nestDir: work.nestApp, reactDir: work.reactApp });
    expect(seen).toMatchObject({ status: 'completed', result: '{"steps":5}', progressBar: '100', toast: 'The job is done', pageErrors: [] });
  });
});
