import type { StoredEvent } from '@liveprogress/protocol';

/** What a lifecycle hook can listen for: every stored progress event, or one of the three ends. */
export type LifecycleStatus = 'progress' | 'completed' | 'failed' | 'cancelled';

export function lifecycleStatusOf(event: Pick<StoredEvent, 'event' | 'status'>): LifecycleStatus {
  if (event.event === 'progress.updated') return 'progress';
  if (event.event === 'progress.completed') return 'completed';
  return event.status === 'cancelled' ? 'cancelled' : 'failed';
}
