import { devToken, startApi, type RunningApi } from '@liveprogress/test-support';
import { afterAll, beforeAll } from 'vitest';

export interface DemoApi {
  readonly url: string;
  /** A fresh token for a user of tenant `t1`. */
  token(userId?: string, tenantId?: string): Promise<string>;
  /** Starts one of the guide's example operations directly over HTTP, as another tab would. */
  start(token: string, path: string, body?: Record<string, unknown>): Promise<{ operationId: string; estimatedDuration: number }>;
}

/** Starts the real demo API (apps/api) for the test file and stops it afterwards. */
export function useDemoApi(): DemoApi {
  let api: RunningApi | undefined;
  beforeAll(async () => {
    api = await startApi();
  });
  afterAll(async () => {
    await api?.stop();
  });
  const url = (): string => {
    if (!api) throw new Error('the demo API has not started');
    return api.url;
  };
  return {
    get url() {
      return url();
    },
    token: (userId = `user-${Math.random().toString(36).slice(2, 8)}`, tenantId = 't1') => devToken(url(), { userId, tenantId }),
    async start(token, path, body = {}) {
      const res = await fetch(`${url()}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(body),
      });
      if (res.status !== 201) throw new Error(`${path} answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { data: { operationId: string; estimatedDuration: number } }).data;
    },
  };
}
