import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** The soft open-file limit every bench process inherits; null when it cannot be read. */
export function openFileLimit(): number | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const soft = line?.split(/\s{2,}/)[1];
    if (soft === 'unlimited') return Number.POSITIVE_INFINITY;
    if (soft && /^\d+$/.test(soft)) return Number(soft);
  } catch {
    // not Linux: ask the shell
  }
  const out = spawnSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).stdout?.trim();
  if (out === 'unlimited') return Number.POSITIVE_INFINITY;
  return out && /^\d+$/.test(out) ? Number(out) : null;
}

/** File descriptors a process needs besides its sockets (modules, pipes, the listener). */
export const FD_HEADROOM = 256;
