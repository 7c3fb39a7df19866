'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useRef, type ReactNode } from 'react';
import { useSession } from './session-provider';

/**
 * Shows the page to a signed-in user; sends anyone else to sign in, and back here afterwards.
 * After a sign-out there is no "back here": the page (and its `?op=`) was the previous user's,
 * and whoever signs in next starts from the overview.
 */
export function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const router = useRouter();
  const pathname = usePathname();
  // Whether somebody was signed in on this page: then a missing session means they signed out (or it expired).
  const wasSignedIn = useRef(false);
  if (session) wasSignedIn.current = true;

  useEffect(() => {
    if (session !== null) return;
    const back = `${pathname}${window.location.search}`;
    router.replace(back === '/' || wasSignedIn.current ? '/sign-in' : `/sign-in?next=${encodeURIComponent(back)}`);
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
