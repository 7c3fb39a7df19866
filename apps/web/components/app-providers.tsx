'use client';

import { WebSocketProvider } from '@liveprogress/react';
import { LiveProgressDevtools } from '@liveprogress/react/devtools';
import type { ReactNode } from 'react';
import { Toaster } from 'sonner';
import { ApiUrlContext } from './api-url';
import type { Session } from '@/lib/session-store';
import { SessionProvider, useSession } from './session-provider';

/** Everything the pages share: the API URL, the session, one live connection, and the toasts. */
export function AppProviders({ apiUrl, initialSession, children }: { apiUrl: string; initialSession: Session | null; children: ReactNode }) {
  return (
    <ApiUrlContext value={apiUrl}>
      <SessionProvider initialSession={initialSession}>
        <LiveConnection apiUrl={apiUrl}>{children}</LiveConnection>
      </SessionProvider>
      <Toaster position="bottom-right" richColors closeButton visibleToasts={4} toastOptions={{ duration: 6000 }} />
    </ApiUrlContext>
  );
}

/**
 * One connection per signed-in user. Keying the provider by identity gives each user a
 * fresh client, so nothing watched or listed for one tenant survives into the next.
 * While signed out the provider has no token and simply waits.
 */
function LiveConnection({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  const { session } = useSession();
  const identity = session ? `${session.tenantId}/${session.userId}` : 'signed-out';
  return (
    <WebSocketProvider key={identity} url={apiUrl} token={session?.token ?? null}>
      {children}
      {/* Development only: the production build drops this branch, and with it the devtools' code. */}
      {process.env.NODE_ENV !== 'production' ? <LiveProgressDevtools /> : null}
    </WebSocketProvider>
  );
}
