import { AuthErrorCode, RequestErrorCode } from '@liveprogress/protocol';

/** What a lost operation says instead of the raw NOT_FOUND refusal. */
export const LOST_MESSAGE = 'This operation is no longer available: it was deleted or has expired, or the server restarted without it.';

/**
 * An operation that was never shown: the server answers NOT_FOUND alike for one that is
 * gone and for one this user may not see (docs/protocol.md, 9. Who may see an operation), so say both.
 */
export const NOT_VISIBLE_MESSAGE =
  'This operation is no longer available, or you may not see it: it may belong to someone else, or it was deleted or has expired.';

/**
 * What the tracker says, in words, when an operation cannot be shown: lost, or refused by the
 * server. The refusal's code picks the words; the raw refusal text ("operation.subscribe was
 * refused (FORBIDDEN): …") is for logs, not for people.
 */
export function unavailableMessage(error: Error | null, { seen }: { seen: boolean }): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === undefined || code === RequestErrorCode.NOT_FOUND) return seen ? LOST_MESSAGE : NOT_VISIBLE_MESSAGE;
  if (code === RequestErrorCode.FORBIDDEN) return 'You do not have permission to see this operation.';
  // AuthErrorCode's keys are its codes.
  if (typeof code === 'string' && Object.hasOwn(AuthErrorCode, code)) return 'Your session has ended: sign in again to see this operation.';
  return 'This operation cannot be shown: the server did not send it.';
}
