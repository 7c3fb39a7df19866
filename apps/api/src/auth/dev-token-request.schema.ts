import { z } from 'zod';

/** `POST /api/auth/dev-token` of the demo API (docs/protocol.md, 11. The demo API). */
export const devTokenRequestSchema = z.strictObject({
  userId: z.string().min(1).max(128),
  tenantId: z.string().min(1).max(128),
  roles: z.array(z.string().min(1).max(64)).max(32).optional(),
});
export type DevTokenRequest = z.infer<typeof devTokenRequestSchema>;
