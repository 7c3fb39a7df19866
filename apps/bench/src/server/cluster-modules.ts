import { createRequire } from 'node:module';

/** What the bare Socket.IO server needs to join a cluster the way LiveProgress does. */
export interface ClusterModules {
  Redis: new (url: string, options?: Record<string, unknown>) => { quit(): Promise<unknown> };
  createAdapter: (redis: unknown, options: Record<string, unknown>) => unknown;
}

/**
 * ioredis and @socket.io/redis-streams-adapter, resolved from @liveprogress/nest, which
 * loads them itself in Redis mode. They are not (yet) dependencies of this package, so
 * the bench borrows the very copies the module uses: the baseline then runs the same
 * adapter at the same version. Returns the reason when they cannot be found.
 */
export function loadClusterModules(): ClusterModules | string {
  try {
    const require = createRequire(import.meta.resolve('@liveprogress/nest'));
    const { Redis } = require('ioredis') as { Redis: ClusterModules['Redis'] };
    const { createAdapter } = require('@socket.io/redis-streams-adapter') as { createAdapter: ClusterModules['createAdapter'] };
    return { Redis, createAdapter };
  } catch (err) {
    return `ioredis and @socket.io/redis-streams-adapter cannot be loaded (${(err as Error).message.split('\n')[0]}); add them to apps/bench`;
  }
}
