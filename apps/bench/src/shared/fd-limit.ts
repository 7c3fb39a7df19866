import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** One of the open-file limits every bench process inherits; null when it cannot be read. */
function readLimit(which: 'soft' | 'hard'): number | null {
  try {
    const line = readFileSync('/proc/self/limits', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('Max open files'));
    const value = line?.split(/\s{2,}/)[which === 'soft' ? 1 : 2];
    if (value === 'unlimited') return Number.POSITIVE_INFINITY;
    if (value && /^\d+$/.test(value)) return Number(value);
  } catch {
    // not Linux: ask the shell
  }
  const out = spawnSync('sh', ['-c', `ulimit -${which === 'soft' ? 'S' : 'H'}n`], { encoding: 'utf8' }).stdout?.trim();
  if (out === 'unlimited') return Number.POSITIVE_INFINITY;
  return out && /^\d+$/.test(out) ? Number(out) : null;
}

/** The soft open-file limit (`ulimit -n`): what a process gets unless it raises it. */
export function openFileLimit(): number | null {
  return readLimit('soft');
}

/**
 * What a bench child can run with: the hard limit (`ulimit -Hn`), since the children
 * are started through `sh -c 'ulimit -n <hard>; exec node …'` (Node cannot call
 * setrlimit itself). Falls back to the soft limit when the hard one cannot be read.
 */
export function childFileLimit(): number | null {
  const hard = readLimit('hard');
  if (hard === null) return openFileLimit();
  return hard;
}

/** File descriptors a process needs besides its sockets (modules, pipes, the listener). */
export const FD_HEADROOM = 256;
