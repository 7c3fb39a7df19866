import type { Socket } from 'socket.io';
import type { AuthUser } from '../auth/auth-user.js';

/** What the gateway keeps on each socket (`socket.data`). */
export interface SocketData {
  user: AuthUser;
}

export function socketUser(socket: Socket): AuthUser {
  return (socket.data as SocketData).user;
}
