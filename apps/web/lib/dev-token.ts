import type { Session } from './session-store';

export interface SignInRequest {
  userId: string;
  tenantId: string;
  roles: string[];
}

/** Signs in against the demo API's `POST /api/auth/dev-token` (not available in production). */
export async function requestDevToken(apiUrl: string, request: SignInRequest): Promise<Session> {
  let response: Response;
  try {
    response = await fetch(`${apiUrl}/api/auth/dev-token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(request),
    });
  } catch {
    throw new Error(`The demo API at ${apiUrl} cannot be reached. Is it running (npm run demo)?`);
  }
  const body = (await response.json().catch(() => null)) as { token?: unknown; expiresIn?: unknown; error?: { message?: unknown } } | null;
  if (!response.ok || typeof body?.token !== 'string') {
    const reason = typeof body?.error?.message === 'string' ? body.error.message : `the API answered ${response.status}`;
    throw new Error(`Sign-in failed: ${reason}`);
  }
  const expiresIn = typeof body.expiresIn === 'number' ? body.expiresIn : 3600;
  return { token: body.token, ...request, expiresAt: Date.now() + expiresIn * 1000 };
}

/** "admin, ops" → ["admin", "ops"] */
export function parseRoles(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,\s]+/)
        .map((role) => role.trim())
        .filter(Boolean),
    ),
  ];
}
