import { describe, expectTypeOf, it } from 'vitest';
import type {
  ClientRequest,
  ClientToServerEvents,
  ErrorCode,
  RequestAck,
  RequestPayload,
  ServerEvent,
  ServerEventPayload,
  ServerToClientEvents,
  StoredEvent,
} from '../src/index.js';
import type { requestSchemas } from '../src/schemas.js';

declare const refresh: ServerEventPayload<'platform.table.refresh'>;

describe('typed catalogue', () => {
  it('derives payload and ack types from the event name', () => {
    expectTypeOf<ServerEventPayload<'progress.completed'>['status']>().toEqualTypeOf<'completed'>();
    expectTypeOf<RequestPayload<'operation.subscribe'>>().toEqualTypeOf<{ operationId: string; afterSeq?: number | undefined }>();
    expectTypeOf<Extract<RequestAck<'operation.subscribe'>, { ok: true }>['recovered']>().toEqualTypeOf<boolean>();
    expectTypeOf<Extract<StoredEvent, { event: 'progress.failed' }>['status']>().toEqualTypeOf<'failed' | 'cancelled'>();
    expectTypeOf<'NOT_FOUND'>().toExtend<ErrorCode>();
  });
});

describe('one catalogue of names', () => {
  it('derives both event maps and the request schemas from the names in events.ts', () => {
    expectTypeOf<keyof ServerToClientEvents>().toEqualTypeOf<ServerEvent>();
    expectTypeOf<keyof ClientToServerEvents>().toEqualTypeOf<ClientRequest>();
    expectTypeOf<keyof typeof requestSchemas>().toEqualTypeOf<ClientRequest>();
  });

  it('refuses a payload of another event', () => {
    const onCompleted: ServerToClientEvents['progress.completed'] = () => undefined;
    // @ts-expect-error: a table refresh is not a progress.completed payload
    onCompleted(refresh);
  });
});
