import type { OperationSnapshot, StoredEvent } from '@liveprogress/protocol';
import { readSse } from '@liveprogress/test-support/sse';

/**
 * The server's own record of an operation, read straight from the server (not through
 * any proxy, not with the client under test): its snapshot, and every retained event,
 * from the SSE stream with `Last-Event-ID: 0`.
 */
export async function serverSnapshot(apiUrl: string, token: string, operationId: string): Promise<OperationSnapshot> {
  const res = await fetch(`${apiUrl}/api/v1/operations/${operationId}`, { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`GET operation answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as OperationSnapshot;
}

/** Every retained event of a finished operation, in seq order (the stream ends by itself once it is finished). */
export async function serverEvents(apiUrl: string, token: string, operationId: string): Promise<StoredEvent[]> {
  const { messages } = await readSse(`${apiUrl}/api/v1/operations/${operationId}/stream`, { authorization: `Bearer ${token}`, 'last-event-id': '0' }, 5000);
  return messages.filter((message) => message.event !== 'snapshot').map((message) => ({ ...message.data, event: message.event }) as unknown as StoredEvent);
}
