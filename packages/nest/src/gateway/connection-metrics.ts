import type { Metrics } from '@liveprogress/core';
import { Rooms } from '@liveprogress/protocol';
import type { Server, Socket } from 'socket.io';

/**
 * Keeps the `connections{transport="socket"}` and `subscriptions` gauges of a Socket.IO server:
 * a subscription is a socket in an operation's room, so the adapter's join/leave events count
 * every way in and out (subscribe, unsubscribe, disconnect) exactly once.
 */
export function watchConnections(server: Server, metrics: Metrics): void {
  const operationRoom = Rooms.operation('');
  // One listener shared by every socket rather than a closure each: idle connections stay cheap.
  const closed = () => metrics.add('connections', -1, { transport: 'socket' });
  server.on('connection', (socket: Socket) => {
    metrics.add('connections', 1, { transport: 'socket' });
    socket.once('disconnect', closed);
  });
  const adapter = server.of('/').adapter;
  adapter.on('join-room', (room: string) => {
    if (room.startsWith(operationRoom)) metrics.add('subscriptions', 1);
  });
  adapter.on('leave-room', (room: string) => {
    if (room.startsWith(operationRoom)) metrics.add('subscriptions', -1);
  });
}
