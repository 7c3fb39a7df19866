import { z } from 'zod';

/** The JSON body (or form fields) of the demo API's example endpoints (docs/protocol.md, 11. The demo API). */
export const demoOperationRequestSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  visibility: z.enum(['owner', 'tenant']).optional(),
  simulate: z
    .strictObject({
      durationMs: z.number().int().min(0).max(600_000).optional(),
      failAtStage: z.string().min(1).max(64).optional(),
    })
    .optional(),
  items: z.number().int().min(1).max(1000).optional(),
  destination: z.string().max(256).optional(),
  data: z.unknown().optional(),
});
export type DemoOperationRequest = z.infer<typeof demoOperationRequestSchema>;
