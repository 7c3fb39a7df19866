'use client';

import { toast } from 'sonner';
import type { Session } from '@/lib/session-store';
import styles from './app-shell.module.css';
import { useSession } from './session-provider';

/** Who is signed in, in which tenant, and the way out (RequireSession then sends the page to sign-in). */
export function UserMenu({ session }: { session: Session }) {
  const { signOut } = useSession();
  return (
    <div className={styles.user}>
      <span className={styles.avatar} aria-hidden="true">
        {session.userId.slice(0, 1).toUpperCase()}
      </span>
      <span className={styles.identity}>
        <span className={styles.userId} data-testid="signed-in-user">
          {session.userId}
        </span>
        <span className={styles.tenant}>
          tenant <strong data-testid="signed-in-tenant">{session.tenantId}</strong>
          {session.roles.length > 0 ? ` · ${session.roles.join(', ')}` : ''}
        </span>
      </span>
      <button
        type="button"
        className="button button--ghost button--small"
        onClick={() => {
          signOut();
          toast.info('Signed out', { description: `${session.userId} left tenant ${session.tenantId}.` });
        }}
      >
        Sign out
      </button>
    </div>
  );
}
