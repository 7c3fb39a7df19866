'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { useSession } from './session-provider';

/**
 * Whether anybody was signed in since this tab loaded the app: then a missing session means a
 * sign-out (or an expiry), not a visitor. Module state, because signing out remounts the pages
 * (one live connection per user), and a ref would start over.
 */
let someoneWasSignedIn = false;

/**
 * Shows the page to a signed-in user; sends anyone else to sign in, and back here afterwards.
 * After a sign-out there is no "back here": the page (and its `?op=`) was the previous user's,
 * and whoever signs in next starts from the overview.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const router = useRouter();
  const pathname = usePathname();
  useEffect(() => {
    if (session) someoneWasSignedIn = true;
    if (session !== null) return;
    const back = `${pathname}${window.location.search}`;
    router.replace(back === '/' || someoneWasSignedIn ? '/sign-in' : `/sign-in?next=${encodeURIComponent(back)}`);
  }, [session, pathname, router]);

  if (!session) {
    return (
      <div className="page-loading" aria-busy="true">
        <span className="spinner" aria-hidden="true" />
        {session === undefined ? 'Loading…' : 'Redirecting to sign in…'}
      </div>
    );
  }
  return children;
}
