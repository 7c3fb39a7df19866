'use client';

import { createContext, use, useMemo, useSyncExternalStore, type ReactNode } from 'react';
import { clearSession, getSession, saveSession, subscribeSession, type Session } from '@/lib/session-store';

interface SessionContextValue {
  /** `undefined` until the browser has read localStorage (on the server and while hydrating). */
  session: Session | null | undefined;
  signIn: (session: Session) => void;
  signOut: () => void;
}

const SessionContext = createContext<SessionContextValue | null>(null);
const unknownOnServer = (): undefined => undefined;

/** Who is signed in, shared by the header, the pages and the live connection. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const session = useSyncExternalStore(subscribeSession, getSession, unknownOnServer);
  const value = useMemo<SessionContextValue>(() => ({ session, signIn: saveSession, signOut: clearSession }), [session]);
  return <SessionContext value={value}>{children}</SessionContext>;
}

export function useSession(): SessionContextValue {
  const value = use(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}
