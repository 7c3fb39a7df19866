import { devToken, startApi, type RunningApi } from '@liveprogress/test-support';
import { LiveProgressClient, type LiveProgressClientOptions } from '../../src/index.js';

/** The shared harness of the integration tests: the real demo API on a loopback port. */
export interface Harness {
  api: RunningApi;
  token: (userId?: string, tenantId?: string) => Promise<string>;
  start: (token: string, body?: object, endpoint?: string) => Promise<string>;
  client: (options: Partial<LiveProgressClientOptions>) => LiveProgressClient;
  closeClients: () => void;
}

export async function startHarness(): Promise<Harness> {
  const api = await startApi();
  const clients: LiveProgressClient[] = [];
  return {
    api,
    token: (userId = 'user-1', tenantId = 'tenant-1') => devToken(api.url, { userId, tenantId }),
    async start(token, body = {}, endpoint = '/api/my-operations') {
      const res = await fetch(`${api.url}${endpoint}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status !== 201) throw new Error(`${endpoint} answered ${res.status}: ${text}`);
      return (JSON.parse(text) as { data: { operationId: string } }).data.operationId;
    },
    client(options) {
      const client = new LiveProgressClient({ url: api.url, notify: 'microtask', onError: () => undefined, ...options });
      clients.push(client);
      return client;
    },
    closeClients() {
      for (const client of clients.splice(0)) client.close();
    },
  };
}

/** Polls until `check` returns something truthy, or fails with `what`. */
export async function waitFor<T>(check: () => T | undefined | null | false, what: string, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
