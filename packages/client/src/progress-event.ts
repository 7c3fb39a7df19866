import { ProgressEvent, type OperationSnapshot, type ProgressEventName, type StoredEvent } from '@liveprogress/protocol';

/** Edge checks for server→client progress payloads: the inside of the client works with valid data only. */
const PROGRESS_EVENT_NAMES: ReadonlySet<string> = new Set(Object.values(ProgressEvent));

export function isProgressEventName(name: string): name is ProgressEventName {
  return PROGRESS_EVENT_NAMES.has(name);
}

/** Tags a live payload with its event name, giving it the shape of a replayed event. */
export function toStoredEvent(name: ProgressEventName, payload: unknown): StoredEvent | null {
  if (typeof payload !== 'object' || payload === null) return null;
  const candidate = payload as { operationId?: unknown; seq?: unknown; timestamp?: unknown };
  if (typeof candidate.operationId !== 'string' || !Number.isSafeInteger(candidate.seq)) return null;
  if (typeof candidate.timestamp !== 'number') return null;
  return { ...(payload as StoredEvent), event: name } as StoredEvent;
}

export function isStoredEvent(value: unknown): value is StoredEvent {
  if (typeof value !== 'object' || value === null) return false;
  const name = (value as { event?: unknown }).event;
  return typeof name === 'string' && isProgressEventName(name) && toStoredEvent(name, value) !== null;
}

/** The minimal shape check of a snapshot of `operationId` from the server (an ack, an SSE message, an HTTP body). */
export function isSnapshot(value: unknown, operationId: string): value is OperationSnapshot {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { operationId?: unknown; seq?: unknown; status?: unknown };
  return candidate.operationId === operationId && Number.isSafeInteger(candidate.seq) && typeof candidate.status === 'string';
}
