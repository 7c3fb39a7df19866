import type { OperationSnapshot } from '@liveprogress/protocol';
import type { AuthUser } from '../auth/auth-user.js';

/**
 * Who may see (and so subscribe to, list, read and cancel) an operation (docs/protocol.md, Who may see an operation):
 * never another tenant; the owner; everyone of the tenant when it is tenant-visible;
 * the tenant's admins.
 */
export function canSee(user: AuthUser, operation: OperationSnapshot, adminRoles: readonly string[]): boolean {
  if (operation.tenantId !== user.tenantId) return false;
  if (operation.ownerId === user.userId || operation.visibility === 'tenant') return true;
  return isAdmin(user, adminRoles);
}

export function isAdmin(user: AuthUser, adminRoles: readonly string[]): boolean {
  return user.roles.some((role) => adminRoles.includes(role));
}
