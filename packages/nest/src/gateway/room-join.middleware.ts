import type { Logger } from '@nestjs/common';
import type { Socket } from 'socket.io';
import type { AuthUser } from '../auth/auth-user.js';
import { identityRooms, isReservedRoom } from './rooms.js';
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
    const joined = async () => {
      await socket.join(identityRooms(user));
      const rooms = roomPolicy ? await policyRooms(roomPolicy, user, logger) : [];
      if (rooms.length > 0) await socket.join(rooms);
    };
    joined().then(
      () => next(),
      (err: unknown) => {
        logger.error(`joining the rooms of user ${user.userId} of tenant ${user.tenantId} failed: ${String(err)}`);
        next(new Error('The server could not join this connection to its rooms; retry'));
      },
    );
  };
}

/** The policy's rooms, without the ones the server owns; none when the policy fails (the connection still opens). */
async function policyRooms(roomPolicy: (user: AuthUser) => string[] | Promise<string[]>, user: AuthUser, logger: Logger): Promise<string[]> {
  try {
    const rooms = await roomPolicy(user);
    const allowed = rooms.filter((room) => typeof room === 'string' && room.length > 0 && !isReservedRoom(room));
    if (allowed.length !== rooms.length) logger.warn('roomPolicy returned reserved or empty room names; they were not joined');
    return allowed;
  } catch (err) {
    logger.error(`roomPolicy failed for user ${user.userId} of tenant ${user.tenantId}; the connection opens without its rooms: ${String(err)}`);
    return [];
  }
}
