import { StoreUnavailableError } from '../errors.js';

/**
 * `call`'s outcome, or StoreUnavailableError once `timeoutMs` passed without one. The call
 * itself is not cancelled (a stalled Redis answers it when it returns); only the request
 * waiting on it stops waiting. Every store call made for a client request goes through here.
 */
export function withDeadline<T>(call: Promise<T>, timeoutMs: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new StoreUnavailableError(what, timeoutMs)), timeoutMs);
  });
  // A late rejection of the abandoned call must not surface as an unhandled one.
  call.catch(() => undefined);
  return Promise.race([call, expired]).finally(() => clearTimeout(timer));
}
