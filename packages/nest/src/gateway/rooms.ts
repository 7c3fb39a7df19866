import { Rooms } from '@liveprogress/protocol';
import type { AuthUser } from '../auth/auth-user.js';

/** The application's room policy (`roomPolicy` of the module's options). */
export type RoomPolicy = (user: AuthUser) => string[] | Promise<string[]>;

/** Prefixes the server owns; an application room policy may not hand these out. */
const RESERVED = ['tenant:', 'user:', 'role:', 'op:'];

export function identityRooms(user: AuthUser): string[] {
  return [Rooms.tenant(user.tenantId), Rooms.user(user.tenantId, user.userId), ...user.roles.map((r) => Rooms.role(user.tenantId, r))];
}

export function isReservedRoom(room: string): boolean {
  return RESERVED.some((prefix) => room.startsWith(prefix));
}

/**
 * The application rooms the policy grants a user, reserved and empty names left out (and
 * named in a warning); a policy that throws grants none (and is logged).
 */
export async function policyRooms(
  user: AuthUser,
  policy: RoomPolicy | undefined,
  logger: { warn(m: string): void; error(m: string): void },
): Promise<string[]> {
  if (!policy) return [];
  try {
    const rooms = await policy(user);
    const allowed = rooms.filter((room) => typeof room === 'string' && room.length > 0 && !isReservedRoom(room));
    if (allowed.length !== rooms.length) logger.warn('roomPolicy returned reserved or empty room names; they were not joined');
    return allowed;
  } catch (err) {
    logger.error(`roomPolicy failed for user ${user.userId} of tenant ${user.tenantId}; it grants no rooms this time: ${String(err)}`);
    return [];
  }
}

/** Every room a verified caller is in: its identity rooms and its policy rooms (what its socket joins, and what its room-event stream hears). */
export async function callerRooms(
  user: AuthUser,
  policy: RoomPolicy | undefined,
  logger: { warn(m: string): void; error(m: string): void },
): Promise<string[]> {
  return [...identityRooms(user), ...(await policyRooms(user, policy, logger))];
}
