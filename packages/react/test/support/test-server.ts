import { signToken } from '@liveprogress/test-support';
import { inject } from 'vitest';

export interface TestServerClient {
  readonly url: string;
  /** This file's tenant: other files, running at the same time, never see its operations. */
  readonly tenant: string;
  /** A token for a fresh user of this file's tenant, unless told otherwise. */
  token(userId?: string, tenantId?: string): string;
  /** Starts one of the guide's example operations directly over HTTP, as another tab would. */
  start(token: string, path: string, body?: Record<string, unknown>): Promise<{ operationId: string; estimatedDuration: number }>;
}

const randomId = () => Math.random().toString(36).slice(2, 10);

/** The in-process server test/global-setup.ts started for this run, seen from one test file. */
export function useTestServer(): TestServerClient {
  const url = inject('serverUrl');
  const tenant = `tenant-${randomId()}`;
  return {
    url,
    tenant,
    token: (userId = `user-${randomId()}`, tenantId = tenant) => signToken({ sub: userId, tenantId }),
    async start(token, path, body = {}) {
      const res = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { data: { operationId: string; estimatedDuration: number } }).data;
    },
  };
}
