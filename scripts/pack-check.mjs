#!/usr/bin/env node
// `npm run pack-check`: the packages as the registry would serve them, used outside the monorepo.
// Packs every public package (pnpm pack), lints the tarballs (publint, attw), installs them with npm
// into a fresh Nest app and a fresh Vite React app in a temp folder, builds both, runs the Nest app
// and drives one operation from the React app to completion in Chromium. Needs a build first
// (`npx turbo run build`); `npm test` runs the same steps as tools/pack-check's test.
// LP_KEEP_PACK_CHECK=1 keeps the temp folder to look at.
import {
  PUBLIC_PACKAGES,
  attw,
  buildApp,
  driveOperation,
  installApp,
  makeWorkDir,
  packPackages,
  publintFindings,
  writeApps,
} from '../tools/pack-check/src/pack-check.mjs';

const started = Date.now();
const seconds = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const work = makeWorkDir();
let failed = false;
const step = async (title, run) => {
  try {
    const detail = await run();
    console.log(`ok   ${title}${detail ? `: ${detail}` : ''} (${seconds()})`);
  } catch (error) {
    failed = true;
    console.log(`FAIL ${title} (${seconds()})\n${error instanceof Error ? error.message : error}`);
  }
};

try {
  let packed = [];
  await step(`pnpm pack of ${PUBLIC_PACKAGES.length} packages`, async () => {
    packed = await packPackages(work.tarballs);
    return packed.map((pkg) => `${pkg.name}@${pkg.version}`).join(', ');
  });
  if (packed.length === 0) throw new Error('nothing was packed');
  for (const pkg of packed) {
    await step(`publint ${pkg.name}`, async () => {
      const findings = await publintFindings(pkg.tarball);
      if (findings.length > 0) throw new Error(findings.join('\n'));
    });
    await step(`attw ${pkg.name}`, () => attw(pkg.tarball, pkg.attwArgs).then(() => ''));
  }
  writeApps(work, packed);
  await step('npm install of the fresh Nest and React apps', async () => {
    await Promise.all([installApp(work.nestApp, packed), installApp(work.reactApp, packed)]);
  });
  await step('the fresh Nest app builds with tsc', () => buildApp(work.nestApp).then(() => ''));
  await step('the fresh React app type-checks and builds with Vite', () => buildApp(work.reactApp).then(() => ''));
  if (!failed) {
    await step('an operation started from the React app in Chromium completes on the Nest app', async () => {
      const seen = await driveOperation({ nestDir: work.nestApp, reactDir: work.reactApp });
      if (seen.status !== 'completed' || seen.progressBar !== '100' || seen.pageErrors.length > 0) throw new Error(JSON.stringify(seen, null, 2));
      return `status ${seen.status}, result ${seen.result}, bar at ${seen.progressBar}%, toast "${seen.toast}"`;
    });
  }
} catch (error) {
  failed = true;
  console.log(error instanceof Error ? error.message : error);
} finally {
  if (process.env.LP_KEEP_PACK_CHECK === '1') console.log(`kept ${work.dir}`);
  else work.remove();
}
console.log(failed ? `pack check failed (${seconds()})` : `pack check passed (${seconds()})`);
process.exit(failed ? 1 : 0);
