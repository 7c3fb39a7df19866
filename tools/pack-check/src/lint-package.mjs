// publint and attw ("Are the types wrong?") on a packed tarball: what the registry would serve.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { publint } from 'publint';
import { formatMessage } from 'publint/utils';
import { runCommand } from './run-command.mjs';

const ATTW = fileURLToPath(new URL('../node_modules/.bin/attw', import.meta.url));

/**
 * publint's findings on the tarball, errors and warnings alike (`strict`: a warning such as a
 * missing file or a misordered condition breaks some consumer too). Returns the lines to show;
 * empty when the package is clean.
 */
export async function publintFindings(tarball) {
  const bytes = readFileSync(tarball);
  const { messages, pkg } = await publint({
    pack: { tarball: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) },
    level: 'warning',
    strict: true,
  });
  return messages.map((message) => `${message.type}: ${formatMessage(message, pkg, { color: false }) ?? message.code} (${message.path.join('.')})`);
}

/**
 * attw on the tarball with the package's own allowances (public-packages.mjs). Resolves with its
 * report when it finds nothing; rejects with the report otherwise.
 */
export function attw(tarball, extraArgs) {
  return runCommand(ATTW, [tarball, '--format', 'ascii', '--no-color', '--no-emoji', ...extraArgs], { timeoutMs: 120_000 });
}
