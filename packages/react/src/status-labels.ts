import type { OperationStatus } from '@liveprogress/protocol';

/** An operation's status in words, as the tracker shows it once the operation has ended (and while it runs). */
export const OPERATION_STATUS_LABEL: Record<OperationStatus, string> = {
  pending: 'Waiting',
  running: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};
