import { describe, expect, it } from 'vitest';
import { LiveProgressClientError } from '../src/index.js';
import { sendRequest, type AckEmitter } from '../src/request.js';

function emitter(answer: (ack: (err: Error | null, response: unknown) => void) => void, connected = true): AckEmitter {
  return { connected, timeout: () => ({ emit: (_event, _payload, ack) => answer(ack) }) };
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LiveProgressClientError);
  return (error as LiveProgressClientError).code;
}

describe('sendRequest', () => {
  it('resolves with the ack when the server says ok', async () => {
    const ack = await sendRequest(
      emitter((cb) => cb(null, { ok: true, operations: [] })),
      'operations.list',
      {},
      100,
    );
    expect(ack).toEqual({ ok: true, operations: [] });
  });

  it('rejects with the contract code and message of a refused request', async () => {
    const refused = sendRequest(
      emitter((cb) => cb(null, { ok: false, error: { code: 'NOT_CANCELLABLE', message: 'already finished' } })),
      'operation.cancel',
      { operationId: 'x' },
      100,
    );
    const error = await refused.catch((e: LiveProgressClientError) => e);
    expect(error).toMatchObject({ code: 'NOT_CANCELLABLE' });
    expect((error as LiveProgressClientError).message).toContain('already finished');
  });

  it('maps a missing ack to TIMEOUT and a dropped socket to DISCONNECTED', async () => {
    expect(
      await codeOf(
        sendRequest(
          emitter((cb) => cb(new Error('operation has timed out'), undefined)),
          'operations.list',
          {},
          100,
        ),
      ),
    ).toBe('TIMEOUT');
    expect(
      await codeOf(
        sendRequest(
          emitter((cb) => cb(new Error('socket has been disconnected'), undefined)),
          'operations.list',
          {},
          100,
        ),
      ),
    ).toBe('DISCONNECTED');
  });

  it('rejects at once with DISCONNECTED when there is no connection', async () => {
    expect(
      await codeOf(
        sendRequest(
          emitter(() => undefined, false),
          'operations.list',
          {},
          100,
        ),
      ),
    ).toBe('DISCONNECTED');
  });

  it('treats an ack that is not { ok } as INVALID_RESPONSE and an unknown code as INTERNAL', async () => {
    expect(
      await codeOf(
        sendRequest(
          emitter((cb) => cb(null, 'yes')),
          'operations.list',
          {},
          100,
        ),
      ),
    ).toBe('INVALID_RESPONSE');
    expect(
      await codeOf(
        sendRequest(
          emitter((cb) => cb(null, { ok: false, error: { code: 'WAT' } })),
          'operations.list',
          {},
          100,
        ),
      ),
    ).toBe('INTERNAL');
  });
});
