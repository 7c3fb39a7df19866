#!/usr/bin/env node
// Lints (biome check), builds everything, runs every workspace's test suite one at a time (they start
// servers and browsers; two cores do not take them in parallel), then sums the
// vitest JSON reports into the one line CI reads: `total: N passed, M failed`.
// A failed lint or type check counts as one failure each; the tests still run. The type check
// covers the test files too, which vitest runs with their types stripped.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const workspaces = ['packages', 'apps', 'tools']
  .flatMap((dir) => (existsSync(join(root, dir)) ? readdirSync(join(root, dir)).map((name) => join(root, dir, name)) : []))
  .filter((dir) => existsSync(join(dir, 'package.json')))
  .map((dir) => ({ dir, pkg: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) }))
  .filter(({ pkg }) => pkg.scripts?.test);

for (const { dir } of workspaces) rmSync(join(dir, 'test-results.json'), { force: true });

// The lint reads only the sources, so it goes first: its findings show before the long test output.
const lint = spawnSync(join(root, 'node_modules', '.bin', 'biome'), ['check', '--colors=off', '.'], { cwd: root, stdio: 'inherit' });
const lintFailed = lint.status !== 0;

const turbo = (args) => spawnSync('turbo', args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
const build = turbo(['run', 'build', '--output-logs=errors-only']);
const typecheck = build.status === 0 ? turbo(['run', 'typecheck', '--output-logs=errors-only']) : build;
const typecheckFailed = typecheck.status !== 0;
const test = build.status === 0 ? turbo(['run', 'test', '--concurrency=1', '--continue', '--output-logs=full']) : build;

let passed = 0;
let failed = 0;
const lines = [];
for (const { dir, pkg } of workspaces) {
  const report = join(dir, 'test-results.json');
  if (!existsSync(report)) {
    // A suite that produced no report did not run to the end: count it as one failure.
    failed += 1;
    lines.push(`${pkg.name}: no test report (the suite did not run or crashed)`);
    continue;
  }
  const { numPassedTests = 0, numFailedTests = 0, numTotalTestSuites = 0, numFailedTestSuites = 0 } = JSON.parse(readFileSync(report, 'utf8'));
  // A test file that fails to load has no failed test but a failed suite.
  const brokenFiles = numFailedTests === 0 ? numFailedTestSuites : 0;
  passed += numPassedTests;
  failed += numFailedTests + brokenFiles;
  lines.push(`${pkg.name}: ${numPassedTests} passed, ${numFailedTests + brokenFiles} failed (${numTotalTestSuites} suites)`);
}
if (lintFailed) {
  failed += 1;
  lines.push('lint (biome check): failed, see its output above; `pnpm lint:fix` fixes the formatting');
} else lines.push('lint (biome check): passed');
if (typecheckFailed) {
  failed += 1;
  lines.push('typecheck (tsc --noEmit, sources and tests): failed, see its output above');
} else lines.push('typecheck (tsc --noEmit, sources and tests): passed');
console.log('\nTest summary');
for (const line of lines) console.log(`  ${line}`);
if (build.status !== 0) console.log('  the build failed: no test ran');
const ok = !lintFailed && !typecheckFailed && build.status === 0 && test.status === 0 && failed === 0;
if (!ok && failed === 0) failed = 1; // turbo failed without a failing test: still a failure
console.log(`total: ${passed} passed, ${failed} failed`);
process.exit(ok ? 0 : 1);
