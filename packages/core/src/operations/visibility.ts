import type { OperationSnapshot } from '@liveprogress/protocol';

/** Who is asking: a verified user of one tenant. */
export interface Viewer {
  userId: string;
  tenantId: string;
  roles: readonly string[];
}

/**
 * Who may see (and so subscribe to, list, read and cancel) an operation (docs/protocol.md §9, Who may see an operation):
 * never another tenant; the owner; everyone of the tenant when it is tenant-visible;
 * the tenant's admins.
 */
export function canSee(viewer: Viewer, operation: OperationSnapshot, adminRoles: readonly string[]): boolean {
  if (operation.tenantId !== viewer.tenantId) return false;
  if (operation.ownerId === viewer.userId || operation.visibility === 'tenant') return true;
  return isAdmin(viewer, adminRoles);
}

export function isAdmin(viewer: Viewer, adminRoles: readonly string[]): boolean {
  return viewer.roles.some((role) => adminRoles.includes(role));
}

/**
 * Who may delete an operation (docs/protocol.md, `operation.delete`): its owner and the tenant's
 * admins. Others who may see it (a tenant-visible operation) are refused FORBIDDEN, not NOT_FOUND.
 */
export function canDelete(viewer: Viewer, operation: OperationSnapshot, adminRoles: readonly string[]): boolean {
  if (operation.tenantId !== viewer.tenantId) return false;
  return operation.ownerId === viewer.userId || isAdmin(viewer, adminRoles);
}
