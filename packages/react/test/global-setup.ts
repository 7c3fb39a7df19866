import { startApi } from '@liveprogress/test-support';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    apiUrl: string;
  }
}

/**
 * One real demo API (apps/api) for the whole run, started here in Node: in a jsdom
 * test file Vite rewrites test-support's `new URL(…, import.meta.url)` into a web
 * asset URL, so `startApi` cannot be called from the test files themselves.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const api = await startApi();
  project.provide('apiUrl', api.url);
  return () => api.stop();
}
