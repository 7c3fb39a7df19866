import { OperationRequestError } from './errors.js';

/** The `data` of a start response `{ success, message, data: { operationId, estimatedDuration } }` (docs/react.md, useLiveOperation). */
export interface StartOperationData {
  operationId: string;
  /** Milliseconds. */
  estimatedDuration?: number;
}

export interface OperationRequestInput {
  url: string;
  method: string;
  token: string | undefined;
  body: unknown;
  signal: AbortSignal;
}

/** Calls an endpoint that starts an operation and returns the response's `data`, which names the operation. */
export async function startOperation({ url, method, token, body, signal }: OperationRequestInput): Promise<Record<string, unknown> & StartOperationData> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  const encoded = encodeBody(body);
  if (typeof encoded === 'string') headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(url, { method, headers, signal, ...(encoded === undefined ? {} : { body: encoded }) });
  } catch (error) {
    if (signal.aborted) throw error;
    throw new OperationRequestError(0, 'NETWORK_ERROR', `could not reach ${url}: ${(error as Error).message}`, { cause: error });
  }
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const { code, message } = readError(payload);
    throw new OperationRequestError(response.status, code ?? `HTTP_${response.status}`, message ?? `${method} ${url} answered ${response.status}`);
  }
  // Read through any JSON: a primitive or null has none of these fields.
  const data = (payload as { data?: unknown } | null)?.data;
  const operationId = (data as { operationId?: unknown } | null | undefined)?.operationId;
  if (typeof operationId !== 'string' || operationId.length === 0) {
    throw new OperationRequestError(response.status, 'INVALID_RESPONSE', `${method} ${url} answered without data.operationId`);
  }
  return data as Record<string, unknown> & StartOperationData;
}

/** JSON, or `FormData` when the request carries a `File`/`Blob` (directly or in an array). */
export function encodeBody(body: unknown): string | FormData | undefined {
  if (body === undefined || body === null) return undefined;
  if (body instanceof FormData) return body;
  if (typeof body !== 'object' || !hasBlob(body)) return JSON.stringify(body);
  const form = new FormData();
  for (const [key, value] of Object.entries(body)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item === undefined || item === null) continue;
      if (item instanceof Blob) form.append(key, item);
      else form.append(key, typeof item === 'object' ? JSON.stringify(item) : String(item));
    }
  }
  return form;
}

function hasBlob(body: object): boolean {
  return Object.values(body).some((value) => value instanceof Blob || (Array.isArray(value) && value.some((item) => item instanceof Blob)));
}

/** The `{ error: { code, message } }` of a refusal, or its `{ message }`, read through any JSON (a primitive or null has neither). */
function readError(payload: unknown): { code: string | undefined; message: string | undefined } {
  const body = payload as { error?: { code?: unknown; message?: unknown } | null; message?: unknown } | null;
  const { code, message } = body?.error ?? {};
  const text = typeof message === 'string' ? message : body?.message;
  return { code: typeof code === 'string' ? code : undefined, message: typeof text === 'string' ? text : undefined };
}
