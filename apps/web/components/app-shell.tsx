'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import styles from './app-shell.module.css';
import { ConnectionStatus } from './connection-status';
import { RequireSession } from './require-session';
import { UserMenu } from './user-menu';
import { useSession } from './session-provider';

const NAV = [
  { href: '/', label: 'Overview' },
  { href: '/examples/my-operation', label: 'My operation' },
  { href: '/examples/file-upload', label: 'File upload' },
  { href: '/examples/data-import', label: 'Data import' },
  { href: '/examples/batch', label: 'Batch processing' },
  { href: '/operations', label: 'Operations' },
] as const;

function isActive(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

/** Header with navigation, connection status and the user; every page but sign-in requires a session. */
export function AppShell({ apiUrl, children }: { apiUrl: string; children: ReactNode }) {
  const pathname = usePathname();
  const { session } = useSession();
  const signInPage = pathname === '/sign-in';

  return (
    <div className={styles.shell}>
      <a className={styles.skip} href="#main">
        Skip to content
      </a>
      <header className={styles.header}>
        <div className={styles.bar}>
          <Link href="/" className={styles.brand}>
            <span className={styles.logo} aria-hidden="true" />
            LiveProgress <span className={styles.tag}>demo</span>
          </Link>
          {session ? (
            <div className={styles.status}>
              {signInPage ? null : <ConnectionStatus />}
              <UserMenu session={session} />
            </div>
          ) : null}
        </div>
        {session && !signInPage ? (
          <nav aria-label="Main" className={styles.nav}>
            <ul>
              {NAV.map(({ href, label }) => (
                <li key={href}>
                  <Link href={href} aria-current={isActive(pathname, href) ? 'page' : undefined}>
                    {label}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </header>
      <main id="main" className={styles.main}>
        {signInPage ? children : <RequireSession>{children}</RequireSession>}
      </main>
      <footer className={styles.footer}>
        <span>
          LiveProgress demo · API <code>{apiUrl}</code>
        </span>
        <span>In-memory mode: operations last until the API restarts.</span>
      </footer>
    </div>
  );
}
