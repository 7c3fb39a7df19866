import { z } from 'zod';
import type { RequestPayload } from './catalog.js';
import { ClientRequest } from './events.js';
import { Limits } from './limits.js';
import { OPERATION_STATUSES } from './operation.js';

/** Runtime schemas for every inbound message (client→server requests and HTTP bodies). */

export const operationIdSchema = z.string().min(1).max(Limits.OPERATION_ID_MAX_LENGTH);

const operationTypeSchema = z.string().min(1).max(128);
const statusSchema = z.enum(OPERATION_STATUSES);

export const subscribeRequestSchema = z.strictObject({
  operationId: operationIdSchema,
  afterSeq: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});
export type SubscribeRequest = z.infer<typeof subscribeRequestSchema>;

export const unsubscribeRequestSchema = z.strictObject({ operationId: operationIdSchema });
export type UnsubscribeRequest = z.infer<typeof unsubscribeRequestSchema>;

export const cancelRequestSchema = z.strictObject({ operationId: operationIdSchema });
export type CancelRequest = z.infer<typeof cancelRequestSchema>;

export const deleteRequestSchema = z.strictObject({ operationId: operationIdSchema });
export type DeleteRequest = z.infer<typeof deleteRequestSchema>;

export const listRequestSchema = z.strictObject({
  status: statusSchema.optional(),
  operationType: operationTypeSchema.optional(),
  limit: z.number().int().min(1).max(Limits.LIST_LIMIT_MAX).optional(),
});
export type ListRequest = z.infer<typeof listRequestSchema>;

export const authRefreshRequestSchema = z.strictObject({ token: z.string().min(1).max(16_384) });
export type AuthRefreshRequest = z.infer<typeof authRefreshRequestSchema>;

/** `GET {prefix}?status=&operationType=&limit=`: query strings arrive as text. */
export const listQuerySchema = z.strictObject({
  status: statusSchema.optional(),
  operationType: operationTypeSchema.optional(),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, 'limit must be a whole number from 1 to 100')
    .transform(Number)
    .pipe(z.number().int().min(1).max(Limits.LIST_LIMIT_MAX))
    .optional(),
  access_token: z.string().optional(),
});

/** `Last-Event-ID` header of the SSE stream. */
export const lastEventIdSchema = z
  .string()
  .regex(/^\d{1,15}$/, 'Last-Event-ID must be a whole number')
  .transform(Number);

const stageInputSchema = z.strictObject({
  id: z.string().min(1).max(128),
  name: z.string().min(1).max(256),
  description: z.string().max(1000).optional(),
  order: z.number().int(),
  weight: z.number().positive().optional(),
  range: z.tuple([z.number().min(0).max(100), z.number().min(0).max(100)]).optional(),
});

const jsonObject = z.record(z.string(), z.unknown());

/**
 * `POST {prefix}/:id/events`: progress reported by a producer outside the app (a worker
 * in any language), authenticated by a producer token rather than a user's JWT.
 */
export const ingestEventSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('start'),
    operationType: z.string().min(1).max(128),
    userId: z.string().min(1).max(256),
    tenantId: z.string().min(1).max(256),
    name: z.string().min(1).max(200).optional(),
    visibility: z.enum(['owner', 'tenant']).optional(),
    stages: z.array(stageInputSchema).max(50).optional(),
    estimatedDuration: z.number().positive().optional(),
    details: jsonObject.optional(),
  }),
  z.strictObject({
    type: z.literal('update'),
    progress: z.number().min(0).max(100).optional(),
    stage: z.string().min(1).max(128).optional(),
    message: z.string().max(2000).optional(),
    details: jsonObject.optional(),
  }),
  z.strictObject({
    type: z.literal('task'),
    taskId: z.string().min(1).max(128),
    name: z.string().min(1).max(256).optional(),
    weight: z.number().positive().optional(),
    status: z.enum(['running', 'completed', 'failed']),
    progress: z.number().min(0).max(100).optional(),
    message: z.string().max(2000).optional(),
    output: z.unknown().optional(),
  }),
  z.strictObject({ type: z.literal('complete'), result: z.unknown().optional(), message: z.string().max(2000).optional() }),
  z.strictObject({
    type: z.literal('fail'),
    error: z.strictObject({ message: z.string().min(1).max(2000), code: z.string().max(64).optional(), details: z.unknown().optional() }),
  }),
  z.strictObject({ type: z.literal('heartbeat') }),
]);

/** Each request's schema by its name, so the gateway builds its routes from this one map. */
export const requestSchemas = {
  [ClientRequest.SUBSCRIBE]: subscribeRequestSchema,
  [ClientRequest.UNSUBSCRIBE]: unsubscribeRequestSchema,
  [ClientRequest.CANCEL]: cancelRequestSchema,
  [ClientRequest.DELETE]: deleteRequestSchema,
  [ClientRequest.LIST]: listRequestSchema,
  [ClientRequest.AUTH_REFRESH]: authRefreshRequestSchema,
} as const satisfies { readonly [R in ClientRequest]: InboundSchema<RequestPayload<R>> };

/** A runtime schema of an inbound message, as other packages refer to one without importing zod. */
export type InboundSchema<T = unknown> = z.ZodType<T>;

type ParseResult<T> = { success: true; data: T } | { success: false; message: string };

/** Validates at the edge and answers a result, never throws; the message says which field is wrong. */
export function parseInbound<S extends z.ZodType>(schema: S, value: unknown): ParseResult<z.output<S>> {
  const result = schema.safeParse(value);
  if (result.success) return { success: true, data: result.data };
  return { success: false, message: describeIssues(result.error) };
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => (issue.path.length ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}
