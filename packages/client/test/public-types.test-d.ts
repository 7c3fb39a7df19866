import type { OperationSnapshot, StoredEvent, TableRefreshPayload } from '@liveprogress/protocol';
import { describe, expectTypeOf, it } from 'vitest';
import {
  LiveProgressClient,
  type ConnectionState,
  type ConnectionStatus,
  type TransportKind,
  type LiveProgressClientErrorCode,
  type OperationListState,
  type OperationState,
} from '../src/index.js';
import { httpFallback } from '../src/fallback.js';

// Checked by `tsc --noEmit` (tsconfig includes test/) and by `vitest --typecheck`.
describe('public types', () => {
  it('exposes the contract snapshot and event types, never any', () => {
    expectTypeOf<OperationState['snapshot']>().toEqualTypeOf<OperationSnapshot | null>();
    expectTypeOf<OperationState['lastEvent']>().toEqualTypeOf<StoredEvent | null>();
    expectTypeOf<OperationListState['operations']>().toEqualTypeOf<readonly OperationSnapshot[]>();
    expectTypeOf<ConnectionStatus>().toEqualTypeOf<'idle' | 'connecting' | 'connected' | 'reconnecting' | 'disconnected' | 'unauthorized'>();
  });

  it('types event handler payloads as unknown unless the caller names a type', () => {
    const client = new LiveProgressClient({ url: 'http://127.0.0.1:1', autoConnect: false });
    client.subscribeToEvent('custom.*', (data, event) => {
      expectTypeOf(data).toBeUnknown();
      expectTypeOf(event).toBeString();
    });
    client.subscribeToEvent<{ id: number }>('custom.*', (data) => expectTypeOf(data.id).toBeNumber());
    client.onTableRefresh('t', (event) => expectTypeOf(event).toEqualTypeOf<TableRefreshPayload>());
    expectTypeOf(client.listOperations).returns.resolves.toEqualTypeOf<OperationSnapshot[]>();
    expectTypeOf(client.watchOperation).returns.toEqualTypeOf<() => void>();
    // React code returns these from useEffect cleanups (docs/react.md, useWebSocket), which must return void.
    expectTypeOf(client.unsubscribeFromEvent).returns.toBeVoid();
    expectTypeOf(client.offTableRefresh).returns.toBeVoid();
  });

  it('lets error codes be either a contract code or a client code', () => {
    expectTypeOf<'NOT_FOUND'>().toExtend<LiveProgressClientErrorCode>();
    expectTypeOf<'TIMEOUT'>().toExtend<LiveProgressClientErrorCode>();
    expectTypeOf<'NOPE'>().not.toExtend<LiveProgressClientErrorCode>();
  });

  it('names the transport in the connection state and in getTransport(), as a closed union', () => {
    expectTypeOf<TransportKind>().toEqualTypeOf<'socket' | 'sse' | 'polling'>();
    expectTypeOf<ConnectionState['transport']>().toEqualTypeOf<TransportKind | undefined>();
    const client = new LiveProgressClient({ url: 'http://127.0.0.1:1', autoConnect: false, fallback: httpFallback({ transportOrder: ['sse', 'polling'] }) });
    expectTypeOf(client.getTransport).returns.toEqualTypeOf<TransportKind>();
    // @ts-expect-error Socket.IO's engine transports are `transports`, not `transportOrder`.
    new LiveProgressClient({ url: 'http://127.0.0.1:1', fallback: httpFallback({ transportOrder: ['websocket'] }) });
  });
});
