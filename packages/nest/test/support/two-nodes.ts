import { type RunningRedis, startRedis } from '@liveprogress/test-support';
import { afterAll, beforeAll } from 'vitest';
import type { LiveProgressModuleOptions } from '../../src/index.js';
import { startTestApp, type TestApp } from './test-app.js';

export interface TwoNodes {
  redis: RunningRedis;
  nodeA: TestApp;
  nodeB: TestApp;
}

/**
 * Two app nodes on one redis-server of their own, started before the enclosing describe's tests
 * and stopped after them; `options` are both nodes' module options, given the server's URL. The
 * fields are filled in beforeAll, so read them inside tests.
 */
export function twoNodesOnRedis(options: (redisUrl: string) => Partial<LiveProgressModuleOptions>): TwoNodes {
  const nodes = {} as TwoNodes;
  beforeAll(async () => {
    nodes.redis = await startRedis();
    const resolved = options(nodes.redis.url);
    nodes.nodeA = await startTestApp(resolved);
    nodes.nodeB = await startTestApp(resolved);
  });
  afterAll(async () => {
    await nodes.nodeA?.close();
    await nodes.nodeB?.close();
    await nodes.redis?.stop();
  });
  return nodes;
}
