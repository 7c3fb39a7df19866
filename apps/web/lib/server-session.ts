import { cookies } from 'next/headers';
import { type Session, SESSION_COOKIE, parseSession } from './session-store';

/** The signed-in user as the browser's cookie says, for a server component; null when signed out or expired. */
export async function readServerSession(): Promise<Session | null> {
  const raw = (await cookies()).get(SESSION_COOKIE)?.value;
  let session: Session | null = null;
  try {
    session = parseSession(raw ? decodeURIComponent(raw) : null);
  } catch {
    session = null;
  }
  return session && session.expiresAt > Date.now() ? session : null;
}
