import type { OperationSnapshot, StoredEvent } from '@liveprogress/protocol';

/**
 * The server's own record of an operation, read straight from the demo API (not
 * through any proxy, not with the client under test): its snapshot, and every
 * retained event, from the SSE stream with `Last-Event-ID: 0`.
 */
export async function serverSnapshot(apiUrl: string, token: string, operationId: string): Promise<OperationSnapshot> {
  const res = await fetch(`${apiUrl}/api/v1/operations/${operationId}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET operation answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as OperationSnapshot;
}

/** Every retained event of a finished operation, in seq order (the stream ends by itself once it is finished). */
export async function serverEvents(apiUrl: string, token: string, operationId: string): Promise<StoredEvent[]> {
  const res = await fetch(`${apiUrl}/api/v1/operations/${operationId}/stream`, {
    headers: { authorization: `Bearer ${token}`, 'last-event-id': '0' },
    signal: AbortSignal.timeout(5000),
  });
  const text = await res.text();
  const events: StoredEvent[] = [];
  // The server writes one `event:`/`id:`/`data:` line each, blocks separated by a blank line.
  for (const block of text.split('\n\n')) {
    const fields = Object.fromEntries(block.split('\n').map((line) => [line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 1).trim()]));
    if (!fields.event || fields.event === 'snapshot' || fields.data === undefined) continue;
    events.push({ ...(JSON.parse(fields.data) as object), event: fields.event } as StoredEvent);
  }
  return events;
}
