import type { Logger } from '@nestjs/common';
import type { Socket } from 'socket.io';
import type { AuthUser } from '../auth/auth-user.js';
import { callerRooms } from './rooms.js';
import { socketUser } from './socket-user.js';

/**
 * Socket.IO middleware, last in the chain: joins the user's own rooms and the rooms
 * `roomPolicy` grants before the client is told it is connected, so an event sent to any
 * of them as soon as the client hears `connect` reaches it (docs/nest.md, Options: roomPolicy).
 * Socket.IO leaves the rooms again if the connection closes before it completes.
 */
export function roomJoinMiddleware(roomPolicy: ((user: AuthUser) => string[] | Promise<string[]>) | undefined, logger: Logger) {
  return (socket: Socket, next: (err?: Error) => void): void => {
    const user = socketUser(socket);
    // The same rooms the caller's room-event stream hears (rooms.ts: one computation for both).
    const joined = async () => socket.join(await callerRooms(user, roomPolicy, logger));
    joined().then(
      () => next(),
      (err: unknown) => {
        logger.error(`joining the rooms of user ${user.userId} of tenant ${user.tenantId} failed: ${String(err)}`);
        next(new Error('The server could not join this connection to its rooms; retry'));
      },
    );
  };
}
