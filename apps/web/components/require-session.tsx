'use client';

import { usePathname, useRouter } from 'next/navigation';
import { useEffect, type ReactNode } from 'react';
import { useSession } from './session-provider';

/** Shows the page to a signed-in user; sends anyone else to sign in, and back here afterwards. */
export function RequireSession({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const router = useRouter();
  const pathname = usePathname();

  useEffect(() => {
    if (session !== null) return;
    const back = `${pathname}${window.location.search}`;
    router.replace(back === '/' ? '/sign-in' : `/sign-in?next=${encodeURIComponent(back)}`);
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
