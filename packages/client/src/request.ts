import { isErrorCode, type ClientRequest, type RequestAck, type RequestPayload } from '@liveprogress/protocol';
import { LiveProgressClientError } from './errors.js';
import { DEV, seeDocs } from './dev.js';

/** The success half of a request's ack, e.g. `{ ok: true, operations }` for `operations.list`. */
export type AckSuccess<E extends ClientRequest> = Extract<RequestAck<E>, { ok: true }>;

/** How the stores talk to the server; the client implements it over Socket.IO, unit tests with a fake. */
export interface RequestTransport {
  readonly connected: boolean;
  request<E extends ClientRequest>(event: E, payload: RequestPayload<E>): Promise<AckSuccess<E>>;
}

/** The slice of a Socket.IO socket `sendRequest` needs. */
export interface AckEmitter {
  readonly connected: boolean;
  timeout(ms: number): { emit(event: string, payload: unknown, ack: (err: Error | null, response: unknown) => void): unknown };
}

/** Emits one request with an ack timeout and turns every outcome into a value or a LiveProgressClientError. */
export function sendRequest<E extends ClientRequest>(socket: AckEmitter, event: E, payload: RequestPayload<E>, timeoutMs: number): Promise<AckSuccess<E>> {
  if (!socket.connected) {
    return Promise.reject(
      new LiveProgressClientError(
        'DISCONNECTED',
        DEV ? `${event} needs a connection: wait for status 'connected' (or call connect()) and retry` : seeDocs('DISCONNECTED', 'client.md#errors'),
      ),
    );
  }
  return new Promise((resolve, reject) => {
    socket.timeout(timeoutMs).emit(event, payload, (err, response) => {
      if (err) {
        reject(transportError(event, err, timeoutMs));
        return;
      }
      const outcome = readAck(event, response);
      if (outcome instanceof LiveProgressClientError) reject(outcome);
      else resolve(outcome as AckSuccess<E>);
    });
  });
}

function transportError(event: string, err: Error, timeoutMs: number): LiveProgressClientError {
  // Socket.IO reports a dropped connection and an expired timer through the same callback.
  if (/disconnected/i.test(err.message)) {
    return new LiveProgressClientError(
      'DISCONNECTED',
      DEV ? `${event} was not answered: the connection dropped; retry once reconnected` : seeDocs('DISCONNECTED', 'client.md#errors'),
      { cause: err },
    );
  }
  return new LiveProgressClientError(
    'TIMEOUT',
    DEV
      ? `${event} was not acknowledged within ${timeoutMs} ms: the server may be overloaded or unreachable; retry or raise requestTimeoutMs`
      : `${event} timed out`,
    { cause: err },
  );
}

function readAck(event: string, response: unknown): object | LiveProgressClientError {
  // Read through optional chaining: a primitive or null has no `ok`, and a refusal's `error` may be anything.
  const ack = response as { ok?: unknown; error?: { code?: unknown; message?: unknown } | null } | null | undefined;
  if (typeof ack?.ok !== 'boolean') {
    return new LiveProgressClientError(
      'INVALID_RESPONSE',
      DEV ? `${event} was acknowledged with something that is not { ok, … }` : seeDocs('INVALID_RESPONSE', 'client.md#errors'),
      { details: response },
    );
  }
  if (ack.ok) return ack;
  const { code, message } = ack.error ?? {};
  const known = isErrorCode(code) ? code : 'INTERNAL';
  return new LiveProgressClientError(
    known,
    `${event} was refused (${known}): ${typeof message === 'string' ? message : 'the server refused the request without a message'}`,
    { details: ack.error },
  );
}
