import { Rooms } from '@liveprogress/protocol';
import type { AuthUser } from '../auth/auth-user.js';

/** Prefixes the server owns; an application room policy may not hand these out. */
const RESERVED = ['tenant:', 'user:', 'role:', 'op:'];

export function identityRooms(user: AuthUser): string[] {
  return [Rooms.tenant(user.tenantId), Rooms.user(user.tenantId, user.userId), ...user.roles.map((r) => Rooms.role(user.tenantId, r))];
}

export function isReservedRoom(room: string): boolean {
  return RESERVED.some((prefix) => room.startsWith(prefix));
}
