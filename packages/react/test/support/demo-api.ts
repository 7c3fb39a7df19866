import { inject } from 'vitest';

export interface DemoApi {
  readonly url: string;
  /** A token for a fresh user (of tenant `t1` unless told otherwise), from the API's dev-token endpoint. */
  token(userId?: string, tenantId?: string): Promise<string>;
  /** Starts one of the demo API's example operations directly over HTTP, as another tab would. */
  start(token: string, path: string, body?: Record<string, unknown>): Promise<{ operationId: string; estimatedDuration: number }>;
}

/** The real demo API that test/global-setup.ts started for this run. */
export function useDemoApi(): DemoApi {
  const url = inject('apiUrl');
  return {
    url,
    async token(userId = `user-${Math.random().toString(36).slice(2, 10)}`, tenantId = 't1') {
      const res = await fetch(`${url}/api/auth/dev-token`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ userId, tenantId }),
      });
      if (!res.ok) throw new Error(`dev-token answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
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
