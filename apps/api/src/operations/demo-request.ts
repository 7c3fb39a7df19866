import { LiveProgressHttpException } from '@liveprogress/nest';
import { type DemoOperationRequest } from '@liveprogress/protocol';
import { demoOperationRequestSchema, parseInbound } from '@liveprogress/protocol/schemas';
import { DEMO_STAGES, type DemoOperationType } from './demo-stages.js';

/** Validates an example endpoint's body (JSON, or form fields as text) and its `simulate.failAtStage`. */
export function parseDemoRequest(body: unknown, type: DemoOperationType, fromForm = false): DemoOperationRequest {
  const parsed = parseInbound(demoOperationRequestSchema, fromForm ? fromFormFields(body) : (body ?? {}));
  if (!parsed.success) throw new LiveProgressHttpException('INVALID_PAYLOAD', parsed.message);
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
