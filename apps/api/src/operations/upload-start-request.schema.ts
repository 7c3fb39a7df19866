import { z } from 'zod';
import { MAX_UPLOAD_FILES } from './upload-limits.js';

/**
 * `POST /api/files/uploads`: announces an upload before its bytes are sent, so the
 * operation exists (and can be watched and cancelled) while they travel.
 */
export const uploadStartRequestSchema = z.strictObject({
  name: z.string().min(1).max(200).optional(),
  visibility: z.enum(['owner', 'tenant']).optional(),
  destination: z.string().max(256).optional(),
  simulate: z
    .strictObject({
      durationMs: z.number().int().min(0).max(600_000).optional(),
      failAtStage: z.string().min(1).max(64).optional(),
    })
    .optional(),
  files: z
    .array(z.strictObject({ name: z.string().min(1).max(255), size: z.number().int().min(0), type: z.string().max(255).optional() }))
    .min(1)
    .max(MAX_UPLOAD_FILES),
});
export type UploadStartRequest = z.infer<typeof uploadStartRequestSchema>;
export type AnnouncedFile = UploadStartRequest['files'][number];
