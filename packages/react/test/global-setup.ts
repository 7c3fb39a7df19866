import { startTestServer } from '@liveprogress/test-support/server';
import type { TestProject } from 'vitest/node';
import { startRestartableServer } from './support/restartable-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
    /** A server that test/support/restartable-server.ts restarts on demand, and its control server. */
    restartableUrl: string;
    controlUrl: string;
  }
}

/**
 * One in-process LiveProgress server for the whole run, started here in Node: the test
 * files run in jsdom, where a Nest app does not belong. Files run in parallel against
 * it; each keeps to a tenant of its own (test/support/test-server.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const [server, restartable] = await Promise.all([startTestServer(), startRestartableServer()]);
  project.provide('serverUrl', server.url);
  project.provide('restartableUrl', restartable.url);
  project.provide('controlUrl', restartable.controlUrl);
  return async () => {
    await Promise.all([server.stop(), restartable.stop()]);
  };
}
