import { LiveProgressHttpException } from '@liveprogress/nest';
import { parseInbound } from '@liveprogress/protocol/schemas';
import { type DemoOperationRequest, demoOperationRequestSchema } from './demo-operation-request.schema.js';
import { DEMO_STAGES, type DemoOperationType } from './demo-stages.js';

/** Validates an example endpoint's body (JSON, or form fields as text) and its `simulate.failAtStage`. */
/** Fields beyond name, visibility and simulate that each endpoint takes. */
const EXTRA_FIELDS: Record<DemoOperationType, readonly string[]> = {
  generic: ['data'],
  file_upload: ['destination'],
  data_import: ['data'],
  batch_process: ['items'],
};
const ALL_EXTRAS = ['data', 'destination', 'items'];

export function parseDemoRequest(body: unknown, type: DemoOperationType, fromForm = false): DemoOperationRequest {
  const parsed = parseInbound(demoOperationRequestSchema, fromForm ? fromFormFields(body) : (body ?? {}));
  if (!parsed.success) throw new LiveProgressHttpException('INVALID_PAYLOAD', parsed.message);
  const foreign = ALL_EXTRAS.filter((field) => field in parsed.data && !EXTRA_FIELDS[type].includes(field));
  if (foreign.length > 0) throw new LiveProgressHttpException('INVALID_PAYLOAD', `${type} does not take ${foreign.join(', ')}`);
  const failAt = parsed.data.simulate?.failAtStage;
  if (failAt !== undefined && !DEMO_STAGES[type].some((s) => s.id === failAt)) {
    const known = DEMO_STAGES[type].map((s) => s.id).join(', ');
    throw new LiveProgressHttpException('INVALID_PAYLOAD', `simulate.failAtStage: "${failAt}" is not a stage of ${type} (${known})`);
  }
  return parsed.data;
}

/** Form values are text: `simulate` is JSON, `items` a number. */
function fromFormFields(body: unknown): unknown {
  if (!body || typeof body !== 'object') return {};
  const fields: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  if (typeof fields.simulate === 'string') {
    try {
      fields.simulate = JSON.parse(fields.simulate);
    } catch {
      throw new LiveProgressHttpException('INVALID_PAYLOAD', 'simulate: form value must be JSON, e.g. {"durationMs":2000}');
    }
  }
  if (typeof fields.items === 'string' && /^\d+$/.test(fields.items)) fields.items = Number(fields.items);
  return fields;
}

/** The example endpoints take JSON, or multipart for uploads; a body of any other type would be silently dropped. */
export function checkContentType(contentType: string | undefined, allowMultipart: boolean): boolean {
  if (!contentType) return false;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'application/json' || type.endsWith('+json')) return false;
  if (allowMultipart && type === 'multipart/form-data') return true;
  throw new LiveProgressHttpException('INVALID_PAYLOAD', `Send the body as application/json${allowMultipart ? ' or multipart/form-data' : ''}, not ${type}`);
}
