import { Rooms } from '@liveprogress/protocol';
import type { AuthUser } from '../auth/auth-user.js';
import { LiveProgressError } from '@liveprogress/core';

/** Who receives a toast or a table refresh. */
export type Audience = { userId: string; tenantId: string } | { tenantId: string; role?: string } | { rooms: string[] };

export function audienceRooms(audience: Audience | undefined, fallback: AuthUser | undefined): string[] {
  if (!audience) {
    if (!fallback) {
      throw new LiveProgressError(
        'AUDIENCE_MISSING',
        'No audience: pass one ({ userId, tenantId }, { tenantId }, { tenantId, role } or { rooms }), or call from inside a request guarded by LiveProgressAuthGuard',
      );
    }
    return [Rooms.user(fallback.tenantId, fallback.userId)];
  }
  if ('rooms' in audience) return audience.rooms;
  if ('userId' in audience) return [Rooms.user(audience.tenantId, audience.userId)];
  return [audience.role ? Rooms.role(audience.tenantId, audience.role) : Rooms.tenant(audience.tenantId)];
}
