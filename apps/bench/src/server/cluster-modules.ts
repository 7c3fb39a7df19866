import { createAdapter } from '@socket.io/redis-streams-adapter';
import { Redis } from 'ioredis';

/** What the bare Socket.IO server needs to join a cluster the way LiveProgress does: the same packages, at the same versions. */
export interface ClusterModules {
  Redis: new (url: string, options?: Record<string, unknown>) => { quit(): Promise<unknown> };
  createAdapter: (redis: unknown, options: Record<string, unknown>) => unknown;
}

export function loadClusterModules(): ClusterModules | string {
  return { Redis: Redis as unknown as ClusterModules['Redis'], createAdapter: createAdapter as ClusterModules['createAdapter'] };
}
