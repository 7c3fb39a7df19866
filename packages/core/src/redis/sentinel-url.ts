import { LiveProgressConfigError } from '../errors.js';

/** A Redis primary found through Sentinel (docs/scaling.md, Redis high availability). */
export interface SentinelSetup {
  /** Any number of the Sentinels; the client asks them for the current primary and follows failovers. */
  sentinels: Array<{ host: string; port: number }>;
  /** The name the Sentinels monitor the primary under (`sentinel monitor <name> …`). */
  masterName: string;
  /** The data nodes' password. */
  password?: string;
  /** The Sentinels' own password, when they have one. */
  sentinelPassword?: string;
  db?: number;
}

/**
 * Reads `redis+sentinel://[:password@]host:port,host:port/masterName[/db]`, so a Sentinel set-up
 * fits the one `REDIS_URL` setting that deployments already pass.
 */
export function parseSentinelUrl(url: string): SentinelSetup {
  const match = /^redis\+sentinel:\/\/(?:(?:[^:@/]*):([^@/]*)@)?([^/]+)\/([^/]+)(?:\/(\d+))?\/?$/.exec(url);
  if (!match) throw new LiveProgressConfigError(`\`${redact(url)}\` is not redis+sentinel://[:password@]host:port[,host:port…]/masterName[/db]`);
  const [, password, hosts, masterName, db] = match;
  const sentinels = (hosts as string).split(',').map((entry) => {
    const at = entry.lastIndexOf(':');
    const host = at > 0 ? entry.slice(0, at).replace(/^\[|\]$/g, '') : entry;
    const port = at > 0 ? Number(entry.slice(at + 1)) : 26379;
    if (!host || !Number.isInteger(port) || port <= 0 || port > 65535) {
      throw new LiveProgressConfigError(`Sentinel address \`${entry}\` in \`${redact(url)}\` is not host:port`);
    }
    return { host, port };
  });
  return {
    sentinels,
    masterName: decodeURIComponent(masterName as string),
    ...(password ? { password: decodeURIComponent(password) } : {}),
    ...(db !== undefined ? { db: Number(db) } : {}),
  };
}

/** A URL for an error message, without its password. */
function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
