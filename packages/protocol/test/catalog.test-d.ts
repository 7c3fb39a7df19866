import { describe, expectTypeOf, it } from 'vitest';
import type { ErrorCode, RequestAck, RequestPayload, ServerEventPayload, StoredEvent } from '../src/index.js';

describe('typed catalogue', () => {
  it('derives payload and ack types from the event name', () => {
    expectTypeOf<ServerEventPayload<'progress.completed'>['status']>().toEqualTypeOf<'completed'>();
    expectTypeOf<RequestPayload<'operation.subscribe'>>().toEqualTypeOf<{ operationId: string; afterSeq?: number | undefined }>();
    expectTypeOf<Extract<RequestAck<'operation.subscribe'>, { ok: true }>['recovered']>().toEqualTypeOf<boolean>();
    expectTypeOf<Extract<StoredEvent, { event: 'progress.failed' }>['status']>().toEqualTypeOf<'failed' | 'cancelled'>();
    expectTypeOf<'NOT_FOUND'>().toExtend<ErrorCode>();
  });
});
