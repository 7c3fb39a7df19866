import { ProgressEvent, type OperationSnapshot, type ProgressEventName, type StoredEvent } from '@liveprogress/protocol';

/**
 * Edge checks for server→client progress payloads: the inside of the client works with valid data only.
 * Each starts with a field's type, read through optional chaining: a primitive or null has no fields.
 */
type Fields = Record<string, unknown> | null | undefined;
const PROGRESS_EVENT_NAMES: ReadonlySet<string> = new Set(Object.values(ProgressEvent));

export function isProgressEventName(name: string): name is ProgressEventName {
  return PROGRESS_EVENT_NAMES.has(name);
}

/** The fields every progress payload carries, live or replayed. */
function hasEventFields(value: unknown): value is Record<string, unknown> {
  const fields = value as Fields;
  return typeof fields?.operationId === 'string' && Number.isSafeInteger(fields.seq) && typeof fields.timestamp === 'number';
}

/** Tags a live payload with its event name, giving it the shape of a replayed event. */
export function toStoredEvent(name: ProgressEventName, payload: unknown): StoredEvent | null {
  return hasEventFields(payload) ? ({ ...payload, event: name } as unknown as StoredEvent) : null;
}

export function isStoredEvent(value: unknown): value is StoredEvent {
  return hasEventFields(value) && typeof value.event === 'string' && isProgressEventName(value.event);
}

/** The minimal shape check of a snapshot of `operationId` from the server (an ack, an SSE message, an HTTP body). */
export function isSnapshot(value: unknown, operationId: string): value is OperationSnapshot {
  const fields = value as Fields;
  return typeof fields?.status === 'string' && fields.operationId === operationId && Number.isSafeInteger(fields.seq);
}
