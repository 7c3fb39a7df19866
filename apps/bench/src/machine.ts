import { cpus, freemem, loadavg, totalmem } from 'node:os';
import { availableParallelism } from 'node:os';

/** What the figures were measured on, printed with them. */
export function describeMachine(): string {
  const cpu = cpus()[0]?.model.trim() ?? 'unknown CPU';
  const gb = (b: number) => (b / 1024 ** 3).toFixed(1);
  const [l1, l5] = loadavg();
  return `${availableParallelism()} cores (${cpu}), ${gb(totalmem())} GB RAM (${gb(freemem())} GB free), Node ${process.version}, ${process.platform} ${process.arch}, load average ${l1?.toFixed(2)} / ${l5?.toFixed(2)} (1 / 5 min)`;
}
