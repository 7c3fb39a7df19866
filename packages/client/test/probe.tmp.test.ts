import { startApi, devToken } from '@liveprogress/test-support';
import { it } from 'vitest';
it('probe', async () => {
  const api = await startApi();
  try {
    console.log(api.url);
    const token = await devToken(api.url, { userId: 'u1', tenantId: 't1' });
    const res = await fetch(`${api.url}/api/my-operations`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify({ simulate: { durationMs: 500 } }) });
    console.log(res.status, await res.text());
  } finally {
    await api.stop();
    console.log(api.output());
  }
}, 30000);
