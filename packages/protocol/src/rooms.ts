/**
 * Room names the server assigns (docs/protocol.md, Rooms). Every id is URI-encoded so that
 * no two identities share a room: tenant `a:b` user `c` and tenant `a` user `b:c`
 * become `user:a%3Ab:c` and `user:a:b%3Ac`.
 */
const enc = encodeURIComponent;

export const Rooms = {
  tenant: (tenantId: string) => `tenant:${enc(tenantId)}`,
  user: (tenantId: string, userId: string) => `user:${enc(tenantId)}:${enc(userId)}`,
  role: (tenantId: string, role: string) => `role:${enc(tenantId)}:${enc(role)}`,
  operation: (operationId: string) => `op:${enc(operationId)}`,
} as const;
