import { connect } from 'node:net';

/** What redis-server has done since it started, from `INFO`: the figures the bench turns into a cost per event. */
export interface RedisCounters {
  /** Calls per command (`INFO commandstats`), commands run inside Lua scripts included; the bench's own INFO calls left out. */
  calls: Record<string, number>;
  /** Bytes read from clients and written to them (`total_net_input_bytes`, `total_net_output_bytes`), the bench's own INFO traffic taken out. */
  netInputBytes: number;
  netOutputBytes: number;
}

const INFO_REQUEST = '*2\r\n$4\r\nINFO\r\n$3\r\nall\r\n';

/**
 * One `INFO all` over a plain socket (RESP by hand: one request, one bulk reply), so
 * that the Redis child needs no client library and adds one short connection per reading.
 */
export function readInfo(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let buffer = Buffer.alloc(0);
    socket.setTimeout(5000, () => socket.destroy(new Error('INFO timed out')));
    socket.on('error', reject);
    socket.on('connect', () => socket.write(INFO_REQUEST));
    socket.on('data', (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      const eol = buffer.indexOf('\r\n');
      if (eol < 0) return;
      const header = buffer.subarray(0, eol).toString();
      if (!header.startsWith('$')) return void socket.destroy(new Error(`INFO: unexpected reply ${header}`));
      const length = Number(header.slice(1));
      if (buffer.length < eol + 2 + length) return;
      socket.end();
      resolve(buffer.subarray(eol + 2, eol + 2 + length).toString());
    });
  });
}

/**
 * Counters from an INFO text. Every reading the bench takes is itself an INFO call: its
 * request is counted in the input bytes of the next reading and its reply in the
 * output bytes, so `readings` earlier readings (of `earlierReplyBytes` in all) are taken out.
 */
export function parseCounters(info: string, readings: number, earlierReplyBytes: number): RedisCounters {
  const calls: Record<string, number> = {};
  let netInputBytes = 0;
  let netOutputBytes = 0;
  for (const line of info.split('\r\n')) {
    const stat = /^cmdstat_([^:]+):calls=(\d+)/.exec(line);
    if (stat) {
      if (stat[1] !== 'info') calls[stat[1]!] = Number(stat[2]);
      continue;
    }
    const [key, value] = line.split(':');
    if (key === 'total_net_input_bytes') netInputBytes = Number(value);
    else if (key === 'total_net_output_bytes') netOutputBytes = Number(value);
  }
  return {
    calls,
    netInputBytes: netInputBytes - readings * INFO_REQUEST.length,
    netOutputBytes: netOutputBytes - earlierReplyBytes,
  };
}

/** What happened between two readings, per command and in bytes. */
export function countersBetween(before: RedisCounters, after: RedisCounters): RedisCounters {
  const calls: Record<string, number> = {};
  for (const [command, n] of Object.entries(after.calls)) {
    const delta = n - (before.calls[command] ?? 0);
    if (delta > 0) calls[command] = delta;
  }
  return { calls, netInputBytes: after.netInputBytes - before.netInputBytes, netOutputBytes: after.netOutputBytes - before.netOutputBytes };
}

export function totalCalls(counters: RedisCounters): number {
  return Object.values(counters.calls).reduce((sum, n) => sum + n, 0);
}
