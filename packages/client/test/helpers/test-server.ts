import { randomUUID } from 'node:crypto';
import { startTestServer, type TestServer } from '@liveprogress/test-support/server';
import { LiveProgressClient, type LiveProgressClientOptions } from '../../src/index.js';

/**
 * The harness of the integration tests: an in-process LiveProgress server of this file's
 * own, a tenant of this file's own, and the clients the file made (closed after each test).
 */
export interface Harness {
  server: TestServer;
  /** This file's tenant: tests in other files never see its operations. */
  tenant: string;
  token: (userId?: string, tenantId?: string, options?: { expiresIn?: number | null }) => string;
  start: (token: string, body?: object, endpoint?: string) => Promise<string>;
  client: (options: Partial<LiveProgressClientOptions>) => LiveProgressClient;
  closeClients: () => void;
}

export async function startHarness(): Promise<Harness> {
  const server = await startTestServer();
  const tenant = `tenant-${randomUUID().slice(0, 8)}`;
  const clients: LiveProgressClient[] = [];
  return {
    server,
    tenant,
    token: (userId = 'user-1', tenantId = tenant, options = {}) => server.token(userId, tenantId, options),
    async start(token, body = {}, endpoint = '/api/my-operations') {
      const res = await fetch(`${server.url}${endpoint}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      const text = await res.text();
      if (res.status !== 201) throw new Error(`${endpoint} answered ${res.status}: ${text}`);
      return (JSON.parse(text) as { data: { operationId: string } }).data.operationId;
    },
    client(options) {
      const client = new LiveProgressClient({ url: server.url, notify: 'microtask', onError: () => undefined, ...options });
      clients.push(client);
      return client;
    },
    closeClients() {
      for (const client of clients.splice(0)) client.close();
    },
  };
}
