import type { ServerEventPayload, TableRefreshPayload } from '@liveprogress/protocol';
import { describe, expectTypeOf, it } from 'vitest';
import type { BroadcastPayload, Broadcaster, LiveServer, SocketIoBroadcaster } from '../src/index.js';

declare const broadcaster: Broadcaster;
declare const socketIo: SocketIoBroadcaster;
declare const server: LiveServer;
declare const completed: ServerEventPayload<'progress.completed'>;

// Checked by `vitest --typecheck` and by `tsc --noEmit` (tsconfig includes test/).
describe('emits typed by the protocol catalogue', () => {
  it('refuses a catalogue event whose payload is of another event', () => {
    // @ts-expect-error: progress.completed carries a ProgressCompletedPayload, not a table refresh
    broadcaster.emit('room', 'progress.completed', { table: 'orders' });
    // @ts-expect-error: the same through the Socket.IO broadcaster itself
    socketIo.emit(['a', 'b'], 'platform.table.refresh', completed);
    // @ts-expect-error: and through the gateway's typed Socket.IO server
    server.to('room').emit('progress.completed', { table: 'orders' });
    broadcaster.emit('room', 'progress.completed', completed);
    expectTypeOf<BroadcastPayload<'platform.table.refresh'>>().toEqualTypeOf<TableRefreshPayload>();
  });

  it('lets an application event carry any payload', () => {
    broadcaster.emit('room', 'invoice.paid', { amount: 12 });
    socketIo.emit('room', 'invoice.paid', 'anything');
    expectTypeOf<BroadcastPayload<'invoice.paid'>>().toBeUnknown();
  });
});
