#!/usr/bin/env node
// The browser and Redis suites run against Debian's chromium and redis-server (redis-cli comes with it),
// with fonts-liberation for stable screenshots. `npm test` calls this first, so a fresh machine needs
// nothing but Node and npm: as root (or with password-less sudo) it installs what is missing with
// apt-get; otherwise it stops at once with one line naming the packages to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const PACKAGES = ['chromium', 'redis-server', 'fonts-liberation'];

const onPath = (command) => spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
const missing = [
  ...(onPath('chromium') ? [] : ['chromium']),
  ...(onPath('redis-server') && onPath('redis-cli') ? [] : ['redis-server']),
  ...(existsSync('/usr/share/fonts/truetype/liberation') ? [] : ['fonts-liberation']),
];
if (missing.length === 0) process.exit(0);

const tell = (why) => {
  console.error(`npm test needs ${missing.join(', ')} (${why}): install them, e.g. apt-get install -y --no-install-recommends ${PACKAGES.join(' ')}`);
  process.exit(1);
};
if (!onPath('apt-get')) tell('this machine has no apt-get');
const root = process.getuid?.() === 0;
const sudo = !root && onPath('sudo') && spawnSync('sudo', ['-n', 'true'], { stdio: 'ignore' }).status === 0;
if (!root && !sudo) tell('installing them needs root');

const run = (args) =>
  spawnSync(root ? args[0] : 'sudo', root ? args.slice(1) : ['-n', ...args], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  }).status === 0;
console.log(`installing ${missing.join(', ')} with apt-get (the browser and Redis suites need them)`);
if (!run(['apt-get', 'update', '-qq']) || !run(['apt-get', 'install', '-y', '-qq', '--no-install-recommends', ...PACKAGES])) {
  tell('apt-get could not install them');
}
