import { LiveProgressHttpException } from '@liveprogress/nest';
import { EXAMPLE_STAGES, type ExampleOperationType } from './example-stages.js';

/** The body the example endpoints take (JSON, or text form fields for uploads). */
export interface ExampleRequest {
  name?: string;
  visibility?: 'owner' | 'tenant';
  simulate?: { durationMs?: number; failAtStage?: string };
  /** batch_process: how many items. */
  items?: number;
  /** file_upload: where the files go. */
  destination?: string;
}

const refuse = (message: string): never => {
  throw new LiveProgressHttpException('INVALID_PAYLOAD', message);
};

/** Checks an example endpoint's body as far as the tests rely on: a bad `simulate.failAtStage` or a bad field is a 400. */
export function parseExampleRequest(body: unknown, type: ExampleOperationType, fromForm: boolean): ExampleRequest {
  const fields = { ...((body && typeof body === 'object' ? body : {}) as Record<string, unknown>) };
  if (fromForm && typeof fields.simulate === 'string') {
    try {
      fields.simulate = JSON.parse(fields.simulate);
    } catch {
      refuse('simulate: form value must be JSON, e.g. {"durationMs":2000}');
    }
  }
  if (fromForm && typeof fields.items === 'string' && /^\d+$/.test(fields.items)) fields.items = Number(fields.items);
  const { name, visibility, simulate, items, destination } = fields;
  if (name !== undefined && (typeof name !== 'string' || name.length === 0)) refuse('name: a non-empty string');
  if (visibility !== undefined && visibility !== 'owner' && visibility !== 'tenant') refuse('visibility: "owner" or "tenant"');
  if (items !== undefined && (!Number.isInteger(items) || (items as number) < 1)) refuse('items: a positive integer');
  if (destination !== undefined && typeof destination !== 'string') refuse('destination: a string');
  if (simulate !== undefined && (typeof simulate !== 'object' || simulate === null)) refuse('simulate: an object');
  const { durationMs, failAtStage } = (simulate ?? {}) as { durationMs?: unknown; failAtStage?: unknown };
  if (durationMs !== undefined && (!Number.isInteger(durationMs) || (durationMs as number) < 0)) refuse('simulate.durationMs: a whole number of ms');
  if (failAtStage !== undefined && !EXAMPLE_STAGES[type].some((stage) => stage.id === failAtStage)) {
    refuse(`simulate.failAtStage: "${String(failAtStage)}" is not a stage of ${type} (${EXAMPLE_STAGES[type].map((s) => s.id).join(', ')})`);
  }
  return fields as ExampleRequest;
}

/** JSON, or multipart for uploads: a body of any other type would be silently dropped. Answers whether it is multipart. */
export function checkContentType(contentType: string | undefined, allowMultipart: boolean): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) return false;
  if (allowMultipart && type === 'multipart/form-data') return true;
  return refuse(`Send the body as application/json${allowMultipart ? ' or multipart/form-data' : ''}, not ${type}`);
}
