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
  const data = typeof payload === 'object' && payload !== null ? (payload as { data?: unknown }).data : undefined;
  const operationId = typeof data === 'object' && data !== null ? (data as { operationId?: unknown }).operationId : undefined;
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

function readError(payload: unknown): { code?: string; message?: string } {
  if (typeof payload !== 'object' || payload === null) return {};
  const body = payload as { error?: unknown; message?: unknown };
  const error = typeof body.error === 'object' && body.error !== null ? (body.error as { code?: unknown; message?: unknown }) : {};
  const message = typeof error.message === 'string' ? error.message : typeof body.message === 'string' ? body.message : undefined;
  return {
    ...(typeof error.code === 'string' ? { code: error.code } : {}),
    ...(message === undefined ? {} : { message }),
  };
}
