import type { EventInput } from './event-input.js';
import type { StoredEvent } from './payloads.js';

/** `progress.completed` and `progress.failed` end an operation: nothing is stored or sent after one. */
export function isTerminalEvent(event: EventInput | StoredEvent): boolean {
  return event.event !== 'progress.updated';
}
