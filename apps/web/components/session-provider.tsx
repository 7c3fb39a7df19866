'use client';

import { createContext, use, useCallback, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { clearSession, getSession, saveSession, subscribeSession, type Session } from '@/lib/session-store';

interface SessionContextValue {
  /**
   * `undefined` until the browser has read localStorage (on the server and while hydrating),
   * unless the server already knew the session from its cookie.
   */
  session: Session | null | undefined;
  signIn: (session: Session) => void;
  signOut: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);
/**
 * Who is signed in, shared by the header, the pages and the live connection. `initialSession`
 * is what the server read from the session cookie: the server renders the signed-in page with
 * it, and hydration starts from the same value. Without it the session is unknown until the
 * browser has read localStorage.
 */
export function SessionProvider({ initialSession, children }: { initialSession: Session | null; children: ReactNode }) {
  const onServer = useCallback((): Session | undefined => initialSession ?? undefined, [initialSession]);
  const session = useSyncExternalStore(subscribeSession, getSession, onServer);
  const value = useMemo<SessionContextValue>(() => ({ session, signIn: saveSession, signOut: clearSession }), [session]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionContextValue {
  const value = use(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
