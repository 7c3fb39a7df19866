import { startTestServer } from '@liveprogress/test-support/server';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    serverUrl: string;
  }
}

/**
 * One in-process LiveProgress server for the whole run, started here in Node: the test
 * files run in jsdom, where a Nest app does not belong. Files run in parallel against
 * it; each keeps to a tenant of its own (test/support/test-server.ts).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startTestServer();
  project.provide('serverUrl', server.url);
  return () => server.stop();
}
